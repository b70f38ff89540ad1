"""The decision as DOCX (python-docx): Times New Roman, A4, margins and layout of NĐ 30/2020."""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt

from xhht.recognition.documents.content import MOTTO, NATIONAL_NAME, DecisionText

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


def _para(
    cell_or_doc: object,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: int = 13,
    align: int | None = CENTER,
) -> None:
    paragraph = cell_or_doc.add_paragraph()  # type: ignore[attr-defined]  # a Document or a table cell (python-docx is untyped)
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)


def decision_docx(text: DecisionText) -> bytes:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)

    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = header.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(9.5)
    left.paragraphs[0].text = ""
    if text.parent_body:
        _para(left, text.parent_body, size=12)
    _para(left, text.issuing_body, bold=True, size=12)
    _para(left, "_______", size=12)
    _para(left, text.number_line, size=13)
    _para(right, NATIONAL_NAME, bold=True, size=12)
    _para(right, MOTTO, bold=True, size=13)
    _para(right, "_______________________", size=12)
    _para(right, text.place_date, italic=True, size=13)

    _para(document, "")
    _para(document, text.title, bold=True, size=14)
    _para(document, text.subtitle, bold=True, size=14)
    _para(document, "_______", size=12)
    _para(document, text.authority, bold=True, size=14)
    for basis in text.bases:
        _para(document, basis, italic=True, align=JUSTIFY)
    _para(document, "QUYẾT ĐỊNH:", bold=True, size=14)
    for article in text.articles:
        _para(document, article, align=JUSTIFY)

    footer = document.add_table(rows=1, cols=2)
    left, right = footer.rows[0].cells
    _para(left, "Nơi nhận:", bold=True, italic=True, size=12, align=None)
    for line in text.recipients:
        _para(left, line, size=11, align=None)
    if text.signing_for:
        _para(right, text.signing_for, bold=True, size=13)
    _para(right, text.signer_position, bold=True, size=13)
    for _blank in range(3):
        _para(right, "")
    _para(right, text.signer_name, bold=True, size=13)

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _para(document, text.annex_title, bold=True, size=13)
    _para(document, text.annex_subtitle, italic=True, size=13)
    annex = document.add_table(rows=1, cols=4)
    annex.style = "Table Grid"
    for cell, heading in zip(
        annex.rows[0].cells, ["STT", "Tên", "Thôn/tổ dân phố, xã", "Tổng điểm"], strict=True
    ):
        cell.paragraphs[0].add_run(heading).bold = True
    for row in text.annex:
        cells = annex.add_row().cells
        for cell, value in zip(
            cells, [str(row.number), row.name, row.where, row.total], strict=True
        ):
            cell.paragraphs[0].add_run(value)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
