"""Hostile uploads built byte by byte: the workbooks and documents of issue 11 (a cell at
XFD1048576, a shared string of hundreds of megabytes that compresses to a few, a DOCX paragraph
of ten megabytes). Each is a real, well-formed file; only its content is hostile."""

from __future__ import annotations

import io
import zipfile

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_SHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
MIB = 1024 * 1024


def _workbook_parts(with_strings: bool) -> dict[str, str]:
    strings_override = (
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SHEET_CT}.sharedStrings+xml"/>'
        if with_strings
        else ""
    )
    strings_rel = (
        f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
        if with_strings
        else ""
    )
    return {
        "[Content_Types].xml": (
            f'{_DECL}<Types xmlns="{_CT}">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_SHEET_CT}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" '
            f'ContentType="{_SHEET_CT}.worksheet+xml"/>{strings_override}</Types>'
        ),
        "_rels/.rels": (
            f'{_DECL}<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
            f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'{_DECL}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'{_DECL}<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
            f'Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>{strings_rel}'
            "</Relationships>"
        ),
    }


def inline(ref: str, text: str) -> str:
    """One cell holding ``text`` as an inline string."""
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def xlsx(rows: str, *, dimension: str = "") -> bytes:
    """A workbook whose first sheet's ``<sheetData>`` is ``rows`` (raw XML)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _workbook_parts(with_strings=False).items():
            archive.writestr(name, text)
        declared = f'<dimension ref="{dimension}"/>' if dimension else ""
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            f'{_DECL}<worksheet xmlns="{_MAIN}">{declared}<sheetData>{rows}</sheetData></worksheet>',
        )
    return buffer.getvalue()


def far_cell_xlsx(header: tuple[str, ...] = ("Tên thôn",)) -> bytes:
    """The 1.7 KB workbook of issue 11: a header row, and one cell at XFD1048576. calamine
    builds the rectangle A1:XFD1048576 (512 GiB) to read it."""
    cells = "".join(inline(f"{chr(ord('A') + i)}1", title) for i, title in enumerate(header))
    return xlsx(f'<row r="1">{cells}</row><row r="1048576">{inline("XFD1048576", "x")}</row>')


def shared_string_bomb_xlsx(megabytes: int, header: tuple[str, ...] = ("Tên thôn",)) -> bytes:
    """A workbook whose second row holds one shared string of ``megabytes`` MB of "a": a few
    hundred kilobytes on the wire (the 400 KB file that took the server to 1.33 GB)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, text in _workbook_parts(with_strings=True).items():
            archive.writestr(name, text)
        cells = "".join(inline(f"{chr(ord('A') + i)}1", t) for i, t in enumerate(header))
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            f'{_DECL}<worksheet xmlns="{_MAIN}"><sheetData><row r="1">{cells}</row>'
            '<row r="2"><c r="A2" t="s"><v>0</v></c></row></sheetData></worksheet>',
        )
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(f'{_DECL}<sst xmlns="{_MAIN}" count="1" uniqueCount="1"><si><t>'.encode())
            chunk = b"a" * MIB
            for _ in range(megabytes):
                part.write(chunk)
            part.write(b"</t></si></sst>")
    return buffer.getvalue()


def long_paragraph_docx(megabytes: float, *, breaks: bool = True) -> bytes:
    """A plan DOCX whose one paragraph is ``megabytes`` MB of text in one run, with a line break
    after every few words when ``breaks`` (python-docx reads such a run in quadratic time: the
    two 68 KB plans that held both web workers for 60 s)."""
    import docx

    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("PLACEHOLDER")
    saved = io.BytesIO()
    document.save(saved)
    piece = "1. Mục tiêu xây dựng xã hội học tập"
    xml_piece = (
        f"<w:t>{piece}</w:t><w:br/>" if breaks else f'<w:t xml:space="preserve">{piece} </w:t>'
    )
    count = max(1, int(megabytes * MIB) // len(piece.encode()))
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(saved) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:t>PLACEHOLDER</w:t>", (xml_piece * count).encode())
            target.writestr(item, data)
    return buffer.getvalue()
