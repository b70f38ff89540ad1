"""The decision as DOCX (python-docx) in the layout of NĐ 30/2020 (``core.nd30``)."""

from __future__ import annotations

from io import BytesIO

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt

from xhht.core import nd30
from xhht.core.nd30 import Line, paragraph
from xhht.recognition.documents.content import DecisionText

CENTER = WD_ALIGN_PARAGRAPH.CENTER
ANNEX_WIDTHS = (Cm(1.6), Cm(6.9), Cm(5.5), Cm(2.5))


def decision_docx(text: DecisionText) -> bytes:
    document = nd30.new_document(size=14)
    nd30.header(
        document,
        parent_body=text.parent_body,
        issuer=text.issuing_body,
        number_line=text.number_line,
        place_date=text.place_date,
    )
    if text.illustrative:
        paragraph(document, text.illustrative, italic=True, size=12, align=CENTER)
    paragraph(document, "")
    paragraph(document, text.title, bold=True, align=CENTER)
    paragraph(document, text.subtitle, bold=True, align=CENTER)
    paragraph(document, "_" * 10, size=10, align=CENTER, space_after=6)
    paragraph(document, text.authority, bold=True, align=CENTER, space_after=6)
    for basis in text.bases:
        paragraph(document, basis, italic=True, space_after=6)
    paragraph(document, "QUYẾT ĐỊNH:", bold=True, align=CENTER, space_after=6)
    for article in text.articles:
        paragraph(document, article, space_after=6)
    paragraph(document, "", keep_with_next=True)
    signer = [Line(text.signing_for, bold=True, size=14)] if text.signing_for else []
    signer += [Line(text.signer_position, bold=True, size=14)]
    signer += [Line("", size=14)] * 4 + [Line(text.signer_name, bold=True, size=14)]
    nd30.closing(document, recipients=text.recipients, signer=signer)

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    paragraph(document, text.annex_title, bold=True, size=13, align=CENTER)
    paragraph(document, text.annex_subtitle, italic=True, size=13, align=CENTER, space_after=6)
    annex = nd30.fixed_table(document, 1, ANNEX_WIDTHS)
    annex.style = "Table Grid"
    headings = ["STT", "Tên", "Thôn/tổ dân phố, xã", "Tổng điểm"]
    for cell, heading in zip(annex.rows[0].cells, headings, strict=True):
        cell.paragraphs[0].alignment = CENTER
        run = cell.paragraphs[0].add_run(heading)
        run.bold, run.font.size = True, Pt(13)
    for row in text.annex:
        cells = annex.add_row().cells  # type: ignore[no-untyped-call]  # python-docx's add_row is unannotated
        values = [str(row.number), row.name, row.where, row.total]
        for cell, value, width in zip(cells, values, ANNEX_WIDTHS, strict=True):
            cell.width = width
            cell.paragraphs[0].add_run(value).font.size = Pt(13)
        cells[0].paragraphs[0].alignment = cells[3].paragraphs[0].alignment = CENTER
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
