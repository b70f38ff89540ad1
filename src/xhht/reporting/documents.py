"""The consolidated report as files: DOCX in the state's format (NĐ 30/2020/NĐ-CP), XLSX, PDF."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from xhht.core import nd30
from xhht.core.nd30 import Line, paragraph
from xhht.core.sheets import DECIMAL, Column, Sheet, workbook_bytes
from xhht.core.text import group_thousands
from xhht.reporting.periods import long_date
from xhht.reporting.rates import percent

if TYPE_CHECKING:  # annotations only: consolidate imports this module to write its files
    from xhht.reporting.consolidate import Consolidated, RowTotal

CENTER = WD_ALIGN_PARAGRAPH.CENTER
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV"]


def number(value: Decimal) -> str:
    """Vietnamese style: 1.234.567 and 12,5."""
    whole, _dot, frac = f"{value.normalize():f}".partition(".")
    grouped = group_thousands(int(whole))
    return f"{grouped},{frac}" if frac else grouped


def roman(n: int) -> str:
    return ROMAN[n - 1] if n <= len(ROMAN) else str(n)


def dated_line(data: Consolidated) -> str:
    """ "Cần Thơ, ngày 15 tháng 5 năm 2023": the place's name without its kind."""
    c = data.consolidation
    return f"{nd30.place_name(c.place_name)}, {long_date(c.issued_on)}"


def _recipients(data: Consolidated) -> list[str]:
    """ "- Ủy ban nhân dân;" for each recipient, the last ("- Lưu: VT.") with a full stop."""
    lines = [r.strip().rstrip(";.") for r in data.consolidation.recipients.splitlines()]
    lines = [line for line in lines if line]
    return [f"- {line};" for line in lines[:-1]] + [f"- {line}." for line in lines[-1:]]


def _figures_table(document: DocxDocument, data: Consolidated, rows: list[RowTotal]) -> None:
    headers = ["TT", "Chỉ tiêu", "Đơn vị tính", "Tổng cộng", *data.levels]
    numbers = [1.0, 0.0, 2.0, 2.3] + [2.4] * len(data.levels)
    label = max(16.5 - sum(numbers), 4.0)
    table = nd30.fixed_table(document, 1, [Cm(label if w == 0 else w) for w in numbers])
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, Pt(12)
    for i, row in enumerate(rows, start=1):
        values = [str(i), row.label, row.unit, number(row.total)]
        values += [number(row.by_level.get(level, Decimal(0))) for level in data.levels]
        cells = table.add_row().cells  # type: ignore[no-untyped-call]  # python-docx's add_row is unannotated
        for column, (cell, text) in enumerate(zip(cells, values, strict=True)):
            cell.width = table.columns[column].width
            cell.text = ""
            run = cell.paragraphs[0].add_run(text)
            run.font.size = Pt(12)
            if column >= 3:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def docx_bytes(data: Consolidated) -> bytes:
    c = data.consolidation
    document = nd30.new_document(size=14)
    nd30.header(
        document,
        parent_body=c.parent_body_name,
        issuer=c.issuing_body.name,
        number_line=f"Số: {c.number}",
        place_date=dated_line(data),
    )
    paragraph(document, "")
    paragraph(document, "BÁO CÁO", bold=True, align=CENTER)
    paragraph(document, c.title, bold=True, align=CENTER)
    paragraph(document, "_" * 10, size=10, align=CENTER, space_after=6)
    rates = data.rates.total
    paragraph(
        document,
        f"Kỳ báo cáo: {c.period.label}. Số báo cáo nhận được: "
        f"{rates.submitted}/{rates.expected} ({percent(rates.completeness)}), đúng hạn "
        f"{rates.on_time}/{rates.expected} ({percent(rates.timeliness)}); "
        f"tổng hợp từ {data.accepted} báo cáo đã tiếp nhận.",
        space_after=6,
    )
    for item in data.sections:
        paragraph(
            document,
            f"{roman(item.number)}. {item.section.title}",
            bold=True,
            keep_with_next=True,
            space_after=6,
        )
        for who, text in item.narratives:
            made = document.add_paragraph()
            made.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            made.add_run(f"{who}: ").italic = True
            made.add_run(text)
        if item.rows:
            _figures_table(document, data, item.rows)
    paragraph(document, "", keep_with_next=True)
    signer = [Line(c.signer_title.upper(), bold=True, size=14)]
    signer += [Line("", size=14)] * 4 + [Line(c.signer_name, bold=True, size=14)]
    nd30.closing(document, recipients=_recipients(data), signer=signer)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(data: Consolidated) -> bytes:
    """One sheet per table section, under a title row (the report, the place, the period): a
    row per indicator, a column per unit under the place, figures as numbers."""
    c = data.consolidation
    title = f"{c.title} — {c.issuing_body.name} — {c.period.label} — {dated_line(data)}"
    columns: list[Column | str] = [
        Column("TT", width=5),
        Column("Chỉ tiêu", width=44),
        Column("Đơn vị tính", width=12),
        Column("Tổng cộng", width=14, number_format=DECIMAL),
        *[Column(unit, width=14, number_format=DECIMAL) for unit in data.units],
    ]
    sheets = [
        Sheet(
            f"{roman(item.number)}. {item.section.title}",
            columns,
            [
                [i, row.label, row.unit, row.total]
                + [row.by_unit.get(unit, Decimal(0)) for unit in data.units]
                for i, row in enumerate(item.rows, start=1)
            ],
            title=title,
        )
        for item in data.sections
        if item.rows
    ]
    return workbook_bytes(sheets or [Sheet("Tổng hợp", ["Không có bảng số liệu."], title=title)])


def pdf_bytes(data: Consolidated) -> bytes:
    from weasyprint import HTML

    c = data.consolidation
    html = render_to_string(
        "reporting/consolidated_pdf.html",
        {
            "data": data,
            "c": c,
            "national_name": nd30.NATIONAL_NAME,
            "motto": nd30.MOTTO,
            "parent_lines": nd30.issuer_lines(c.parent_body_name) if c.parent_body_name else [],
            "issuer_lines": nd30.issuer_lines(c.issuing_body.name),
            "number_line": f"Số: {c.number}",
            "place_date": dated_line(data),
            "recipients": _recipients(data),
            "signer_lines": [c.signer_title.upper()],
            "sections": [
                {
                    "heading": f"{roman(s.number)}. {s.section.title}",
                    "narratives": s.narratives,
                    "rows": [
                        (
                            r.label,
                            r.unit,
                            number(r.total),
                            [number(r.by_level.get(lv, Decimal(0))) for lv in data.levels],
                        )
                        for r in s.rows
                    ],
                }
                for s in data.sections
            ],
            "completeness": percent(data.rates.total.completeness),
            "timeliness": percent(data.rates.total.timeliness),
        },
    )
    result: bytes = HTML(string=html).write_pdf()
    return result
