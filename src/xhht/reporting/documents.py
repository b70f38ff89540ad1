"""The consolidated report as files: DOCX in the state's format (NĐ 30/2020/NĐ-CP), XLSX, PDF."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.table import _Cell
from openpyxl import Workbook
from openpyxl.styles import Font

from xhht.core.text import group_thousands
from xhht.reporting.periods import long_date
from xhht.reporting.rates import percent

if TYPE_CHECKING:  # annotations only: consolidate imports this module to write its files
    from xhht.reporting.consolidate import Consolidated, RowTotal

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV"]


def number(value: Decimal) -> str:
    """Vietnamese style: 1.234.567 and 12,5."""
    whole, _dot, frac = f"{value.normalize():f}".partition(".")
    grouped = group_thousands(int(whole))
    return f"{grouped},{frac}" if frac else grouped


def roman(n: int) -> str:
    return ROMAN[n - 1] if n <= len(ROMAN) else str(n)


def dated_line(data: Consolidated) -> str:
    c = data.consolidation
    return f"{c.place_name}, {long_date(c.issued_on)}"


def _write(cell: _Cell, lines: list[tuple[str, bool, bool]], size: int = 13) -> None:
    """Centered lines in a cell: (text, bold, italic)."""
    cell.paragraphs[0].text = ""
    for i, (text, bold, italic) in enumerate(lines):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)


def _header(document: DocxDocument, data: Consolidated) -> None:
    c = data.consolidation
    table = document.add_table(rows=2, cols=2)
    left = [(c.parent_body_name.upper(), False, False)] if c.parent_body_name else []
    left += [(c.issuing_body.name.upper(), True, False), ("———", False, False)]
    _write(table.cell(0, 0), left, 12)
    _write(
        table.cell(0, 1),
        [(NATIONAL_TITLE, True, False), (NATIONAL_MOTTO, True, False), ("———", False, False)],
        12,
    )
    _write(table.cell(1, 0), [(f"Số: {c.number}", False, False)])
    _write(table.cell(1, 1), [(dated_line(data), False, True)])
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("BÁO CÁO\n").bold = True
    title.add_run(c.title).bold = True


def _figures_table(document: DocxDocument, data: Consolidated, rows: list[RowTotal]) -> None:
    headers = ["TT", "Chỉ tiêu", "Đơn vị tính", "Tổng cộng", *data.levels]
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for i, row in enumerate(rows, start=1):
        values = [str(i), row.label, row.unit, number(row.total)]
        values += [number(row.by_level.get(level, Decimal(0))) for level in data.levels]
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text


def _footer(document: DocxDocument, data: Consolidated) -> None:
    c = data.consolidation
    table = document.add_table(rows=1, cols=2)
    left = table.cell(0, 0)
    heading = left.paragraphs[0].add_run("Nơi nhận:")
    heading.bold, heading.italic, heading.font.size = True, True, Pt(12)
    for line in [r.strip() for r in c.recipients.splitlines() if r.strip()]:
        left.add_paragraph().add_run(f"- {line.rstrip(';.')};").font.size = Pt(11)
    blank = ("", False, False)
    signer = [(c.signer_title.upper(), True, False), blank, blank, blank]
    _write(table.cell(0, 1), [*signer, (c.signer_name, True, False)])


def docx_bytes(data: Consolidated) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    _header(document, data)
    rates = data.rates.total
    document.add_paragraph(
        f"Kỳ báo cáo: {data.consolidation.period.label}. Số báo cáo nhận được: "
        f"{rates.submitted}/{rates.expected} ({percent(rates.completeness)}), đúng hạn "
        f"{rates.on_time}/{rates.expected} ({percent(rates.timeliness)}); "
        f"tổng hợp từ {data.accepted} báo cáo đã tiếp nhận."
    )
    for item in data.sections:
        document.add_paragraph().add_run(f"{roman(item.number)}. {item.section.title}").bold = True
        for who, text in item.narratives:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{who}: ").italic = True
            paragraph.add_run(text)
        if item.rows:
            _figures_table(document, data, item.rows)
    document.add_paragraph()
    _footer(document, data)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(data: Consolidated) -> bytes:
    """One sheet per table section: a row per indicator, a column per unit under the place."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]  # a new workbook always has its sheet
    for item in data.sections:
        if not item.rows:
            continue
        sheet = workbook.create_sheet(f"{roman(item.number)}. {item.section.title}"[:31])
        sheet.append(["TT", "Chỉ tiêu", "Đơn vị tính", "Tổng cộng", *data.units])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for i, row in enumerate(item.rows, start=1):
            by_unit = [row.by_unit.get(unit, Decimal(0)) for unit in data.units]
            sheet.append([i, row.label, row.unit, row.total, *by_unit])
    if not workbook.worksheets:
        workbook.create_sheet("Tổng hợp").append(["Không có bảng số liệu."])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pdf_bytes(data: Consolidated) -> bytes:
    from weasyprint import HTML

    c = data.consolidation
    html = render_to_string(
        "reporting/consolidated_pdf.html",
        {
            "data": data,
            "c": c,
            "dated_line": dated_line(data),
            "national_title": NATIONAL_TITLE,
            "national_motto": NATIONAL_MOTTO,
            "recipients": [r.strip().rstrip(";.") for r in c.recipients.splitlines() if r.strip()],
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
