"""The fund's papers: the receipt of a donation (phiếu thu, DOCX) and the yearly report of the
fund (XLSX and DOCX in the NĐ 30/2020/NĐ-CP layout of ``core.nd30``), whose totals satisfy
receipts − disbursements = closing − opening. The number and the signers' names are left for the
association's office to fill."""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from xhht.association.funds import money
from xhht.association.funds_balances import YearReport, reported
from xhht.association.models import Fund, FundEntry
from xhht.core import nd30
from xhht.core.nd30 import Line, paragraph
from xhht.core.sheet_writing import DATE, INTEGER, Column, Formatted, Sheet, workbook_bytes
from xhht.core.text import group_thousands

CENTER = WD_ALIGN_PARAGRAPH.CENTER
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
LEFT = WD_ALIGN_PARAGRAPH.LEFT
_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def long_date(day: datetime.date) -> str:
    """ "ngày 05 tháng 02 năm 2026" (NĐ 30/2020: a zero before days below 10, months 1 and 2)."""
    dd = f"{day.day:02d}" if day.day < 10 else str(day.day)
    mm = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {dd} tháng {mm} năm {day.year}"


def _group(number: int, full: bool) -> list[str]:
    hundreds, tens, units = number // 100, number // 10 % 10, number % 10
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and (hundreds or full):
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens > 1:
            words.append("mốt")
        elif units == 5 and tens > 0:
            words.append("lăm")
        else:
            words.append(_DIGITS[units])
    return words


def _words(number: int, full: bool = False) -> list[str]:
    if number >= 10**9:
        high, low = divmod(number, 10**9)
        return [*_words(high, full), "tỷ", *(_words(low, True) if low else [])]
    words: list[str] = []
    for scale, name in ((10**6, "triệu"), (10**3, "nghìn"), (1, "")):
        group, number = divmod(number, scale)
        if group:
            words += [*_group(group, full), *([name] if name else [])]
            full = True
    return words


def in_words(amount: int) -> str:
    """1500000 → "Một triệu năm trăm nghìn đồng" (as written on a receipt)."""
    text = " ".join(_words(amount)) if amount else "không"
    return f"{text[:1].upper()}{text[1:]} đồng"


def _issuer(fund: Fund) -> tuple[str, str]:
    branch = fund.branch
    return (branch.parent.name if branch.parent is not None else ""), branch.name


def _place_date(fund: Fund, day: datetime.date) -> str:
    return f"{nd30.place_name(fund.branch.place.name)}, {long_date(day)}"


def _save(document: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def receipt_docx(entry: FundEntry, *, today: datetime.date) -> bytes:
    """Phiếu thu (biên nhận) of one receipt: who gave how much, in figures and in words."""
    fund = entry.fund
    parent, issuer = _issuer(fund)
    document = nd30.new_document(size=14)
    nd30.header(
        document,
        parent_body=parent,
        issuer=issuer,
        number_line=f"Số: {entry.code}",
        place_date=_place_date(fund, entry.date),
    )
    paragraph(document, "")
    paragraph(document, "PHIẾU THU", bold=True, align=CENTER)
    paragraph(document, "(Biên nhận tiền ủng hộ quỹ khuyến học)", italic=True, align=CENTER)
    paragraph(document, "_" * 10, size=10, align=CENTER, space_after=6)
    lines = [
        f"Quỹ: {fund.name}.",
        f"Họ và tên người nộp tiền (đơn vị, dòng họ): {entry.party_name}.",
        f"Nội dung: {entry.description or 'Ủng hộ quỹ khuyến học'}.",
        f"Số tiền: {group_thousands(entry.amount)} đồng.",
        f"(Viết bằng chữ: {in_words(entry.amount)}.)",
        f"Ngày nộp: {entry.date.strftime('%d/%m/%Y')}.",
    ]
    for line in lines:
        paragraph(document, line, space_after=6)
    paragraph(
        document,
        f"Hội Khuyến học xin trân trọng cảm ơn. Phiếu in ngày {today.strftime('%d/%m/%Y')}.",
        italic=True,
        space_after=12,
    )
    table = nd30.fixed_table(document, 1, (Cm(8.25), Cm(8.25)))
    for cell, title in zip(table.rows[0].cells, ("NGƯỜI NỘP TIỀN", "NGƯỜI LẬP PHIẾU"), strict=True):
        cell.paragraphs[0].alignment = CENTER
        run = cell.paragraphs[0].add_run(title)
        run.bold = True
        paragraph(cell, "(Ký, ghi rõ họ tên)", italic=True, size=12, align=CENTER)
    return _save(document)


def _table(document: DocxDocument, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [Cm(2.4), Cm(2.4), Cm(6.2), Cm(2.5), Cm(3)][: len(headers)]
    table = nd30.fixed_table(document, 1, widths)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].alignment = CENTER
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, Pt(12)
    for values in rows:
        cells = table.add_row().cells  # type: ignore[no-untyped-call]  # python-docx's add_row is unannotated
        for column, (cell, text) in enumerate(zip(cells, values, strict=True)):
            cell.width = widths[column]
            run = cell.paragraphs[0].add_run(text)
            run.font.size = Pt(12)
            run.bold = values is rows[-1]
            if column == len(values) - 1:
                cell.paragraphs[0].alignment = RIGHT


def _entry_rows(entries: Sequence[FundEntry]) -> list[list[str]]:
    rows = [
        [
            e.code,
            e.date.strftime("%d/%m/%Y"),
            e.party_name,
            e.reason if e.is_correction else e.get_purpose_display() if e.purpose else "",
            group_thousands(reported(e)).replace("-", "−"),
        ]
        for e in entries
    ]
    total = sum(reported(e) for e in entries)
    return [*rows, ["", "", "Tổng cộng", "", group_thousands(total).replace("-", "−")]]


def report_docx(report: YearReport, *, today: datetime.date) -> bytes:
    fund, balance = report.fund, report.balance
    parent, issuer = _issuer(fund)
    document = nd30.new_document(size=14)
    nd30.header(
        document,
        parent_body=parent,
        issuer=issuer,
        number_line="Số:        /BC-KH",
        place_date=_place_date(fund, today),
    )
    paragraph(document, "")
    paragraph(document, "BÁO CÁO", bold=True, align=CENTER)
    paragraph(document, f"Thu, chi {fund.name} năm {balance.year}", bold=True, align=CENTER)
    paragraph(document, "_" * 10, size=10, align=CENTER, space_after=6)
    paragraph(document, "I. TỔNG HỢP", bold=True, keep_with_next=True, space_after=6)
    for label, amount in _summary(report):
        paragraph(document, f"{label}: {group_thousands(amount)} đồng.", space_after=3)
    paragraph(
        document,
        "Tổng thu − tổng chi = số dư cuối năm − số dư đầu năm = "
        f"{money(balance.receipts - balance.disbursements)}.",
        italic=True,
        space_after=6,
    )
    paragraph(document, "II. CÁC KHOẢN THU", bold=True, keep_with_next=True, space_after=6)
    headers = ["Số", "Ngày", "Người nộp", "Ghi chú", "Số tiền (đồng)"]
    _table(document, headers, _entry_rows(report.receipts))
    paragraph(document, "")
    paragraph(document, "III. CÁC KHOẢN CHI", bold=True, keep_with_next=True, space_after=6)
    headers = ["Số", "Ngày", "Người nhận", "Mục đích", "Số tiền (đồng)"]
    _table(document, headers, _entry_rows(report.disbursements))
    paragraph(document, "", keep_with_next=True)
    signer = [Line("TM. BAN CHẤP HÀNH", bold=True, size=14), Line("CHỦ TỊCH", bold=True, size=14)]
    signer += [Line("", size=14)] * 4
    nd30.closing(
        document,
        recipients=["- Hội Khuyến học cấp trên;", "- Ban Chấp hành;", "- Lưu: VT."],
        signer=signer,
    )
    return _save(document)


def _summary(report: YearReport) -> list[tuple[str, int]]:
    balance = report.balance
    return [
        ("Số dư đầu năm", balance.opening),
        ("Tổng thu trong năm", balance.receipts),
        ("Tổng chi trong năm", balance.disbursements),
        ("Số dư cuối năm", balance.closing),
    ]


def report_xlsx(report: YearReport) -> bytes:
    fund, year = report.fund, report.balance.year
    money_column = Column("Số tiền (đồng)", 18, INTEGER)
    summary = Sheet(
        "Tổng hợp",
        [Column("Khoản", 30), money_column],
        [[label, amount] for label, amount in _summary(report)],
        title=f"Thu, chi {fund.name} năm {year} ({fund.branch.name})",
    )
    columns = [
        Column("Số", 12),
        Column("Ngày", 12, DATE),
        Column("Người nộp, người nhận", 32),
        Column("Loại, mục đích", 24),
        Column("Nội dung, lý do điều chỉnh", 40),
        money_column,
    ]
    sheets = [summary]
    for name, entries in (
        ("Các khoản thu", report.receipts),
        ("Các khoản chi", report.disbursements),
    ):
        rows: list[list[object]] = [
            [
                e.code,
                e.date,
                e.party_name,
                e.get_purpose_display() if e.purpose else e.get_donor_kind_display(),
                e.reason or e.description,
                reported(e),
            ]
            for e in entries
        ]
        total = sum(reported(e) for e in entries)
        rows.append(["", "", "Tổng cộng", "", "", Formatted(total, INTEGER)])
        sheets.append(Sheet(name, columns, rows, title=f"{name} năm {year}: {fund.name}"))
    return workbook_bytes(sheets)
