"""The layout every state document the app writes shares (Nghị định 30/2020/NĐ-CP, Phụ lục I).

One place for what a decision and a report have in common: the Quốc hiệu and Tiêu ngữ, the
issuer's name in the header, the place name without its kind ("Cái Khế", not "Phường Cái
Khế"), Times New Roman (Liberation Serif, its metric twin, where Times is not installed), A4
with the decree's margins, a header table with fixed columns wide enough for the Quốc hiệu on
one line, and the closing block ("Nơi nhận" on the left, the signer on the right) kept on one
page. The DOCX builders use python-docx; the PDF templates include ``core/pdf/nd30.css``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
FONT = "Times New Roman"
#: The CSS font list of the PDFs: Times New Roman, else its metric-compatible free twins.
CSS_FONTS = '"Times New Roman", "Liberation Serif", "Tinos", serif'

#: A4 and the decree's margins (top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm).
PAGE_WIDTH, PAGE_HEIGHT = Cm(21), Cm(29.7)
MARGINS = {"top": Cm(2), "bottom": Cm(2), "left": Cm(3), "right": Cm(1.5)}
#: The header's columns: the issuer (left) and the Quốc hiệu (right), 16.5 cm together.
HEADER_WIDTHS = (Cm(6.5), Cm(10))
#: Characters of a bold 12 pt capital line that fit the left column (Liberation Serif: about
#: 0.27 cm a character; the column holds 6.1 cm of text).
ISSUER_LINE_CHARS = 22

_KINDS = ("thành phố", "tỉnh", "xã", "phường", "thị trấn", "đặc khu", "huyện", "quận", "thị xã")
_KIND_PREFIX = re.compile(
    r"^(" + "|".join(sorted(_KINDS, key=len, reverse=True)) + r")\s+", re.IGNORECASE
)
COUNCIL = "ỦY BAN NHÂN DÂN"


def place_name(name: str) -> str:
    """The place name a document is dated at: the proper name without its kind ("Phường Cái
    Khế" → "Cái Khế"); a name that is only a number keeps it ("Phường 1")."""
    name = " ".join(name.split())
    rest = _KIND_PREFIX.sub("", name, count=1)
    return name if not rest or rest.isdigit() else rest


def issuer_lines(name: str) -> list[str]:
    """The issuer's name in capitals, broken between words into lines that fit the header's
    left column: "ỦY BAN NHÂN DÂN" on its own line, then the place."""
    text = " ".join(name.split()).upper()
    if text.startswith(COUNCIL + " "):
        return [COUNCIL, *issuer_lines(text.removeprefix(COUNCIL + " "))]
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= ISSUER_LINE_CHARS:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


@dataclass(frozen=True)
class Line:
    """One paragraph of a header or closing cell."""

    text: str
    bold: bool = False
    italic: bool = False
    size: int = 13
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER


def new_document(*, size: int = 14) -> DocxDocument:
    """An A4 document with the decree's margins, Times New Roman everywhere."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(size)
    normal.paragraph_format.space_after = Pt(0)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    return document


def paragraph(
    target: DocxDocument | _Cell,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: int | None = None,
    align: WD_ALIGN_PARAGRAPH | None = WD_ALIGN_PARAGRAPH.JUSTIFY,
    keep_with_next: bool = False,
    space_after: int = 0,
) -> None:
    made = target.add_paragraph()
    made.alignment = align
    made.paragraph_format.space_after = Pt(space_after)
    made.paragraph_format.keep_with_next = keep_with_next
    run = made.add_run(text)
    run.bold, run.italic = bold, italic
    if size is not None:
        run.font.size = Pt(size)


def _fill(cell: _Cell, lines: Sequence[Line], *, keep: bool = False) -> None:
    cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
    for line in lines:
        paragraph(
            cell,
            line.text,
            bold=line.bold,
            italic=line.italic,
            size=line.size,
            align=line.align,
            keep_with_next=keep,
        )


def fixed_table(document: DocxDocument, rows: int, widths: Sequence[Cm]) -> Table:
    """A borderless table whose columns keep their widths in Word and LibreOffice."""
    table: Table = document.add_table(rows=rows, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    return table


def rule(width_chars: int = 14) -> Line:
    """The short line under the issuer and under the Tiêu ngữ."""
    return Line("_" * width_chars, size=10)


def header(
    document: DocxDocument,
    *,
    parent_body: str,
    issuer: str,
    number_line: str,
    place_date: str,
) -> None:
    """The two columns on top of the first page; the number and the place-date share a row."""
    table = fixed_table(document, 2, HEADER_WIDTHS)
    left = [Line(line, size=12) for line in issuer_lines(parent_body)] if parent_body else []
    left += [Line(line, bold=True, size=12) for line in issuer_lines(issuer)]
    _fill(table.cell(0, 0), [*left, rule(8)])
    _fill(
        table.cell(0, 1),
        [Line(NATIONAL_NAME, bold=True, size=12), Line(MOTTO, bold=True, size=13), rule(22)],
    )
    _fill(table.cell(1, 0), [Line(number_line, size=13)])
    _fill(table.cell(1, 1), [Line(place_date, italic=True, size=14)])


def closing(document: DocxDocument, *, recipients: Sequence[str], signer: Sequence[Line]) -> None:
    """ "Nơi nhận" on the left, flush with the margin, the signer on the right; one row that
    may not split, so the block stays on one page."""
    table = fixed_table(document, 1, (Cm(8), Cm(8.5)))
    row = table.rows[0]._tr
    properties = row.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    left = WD_ALIGN_PARAGRAPH.LEFT
    _fill(
        table.cell(0, 0),
        [
            Line("Nơi nhận:", bold=True, italic=True, size=12, align=left),
            *[Line(r, size=11, align=left) for r in recipients],
        ],
        keep=True,
    )
    _fill(table.cell(0, 1), signer, keep=True)
    _zero_left_padding(table.cell(0, 0))


def _zero_left_padding(cell: _Cell) -> None:
    """The cell's text starts at the page margin, like the paragraphs above it."""
    tc_pr = cell._tc.get_or_add_tcPr()
    margins = OxmlElement("w:tcMar")
    start = OxmlElement("w:left")
    start.set(qn("w:w"), "0")
    start.set(qn("w:type"), "dxa")
    margins.append(start)
    tc_pr.append(margins)
