"""Uploaded plan documents to plain text: .docx (paragraphs, lists and tables), .txt, .md."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath
from typing import Any

from django.utils.translation import gettext as _

from xhht.core.uploads import UploadRefused, check_zip, number

from .textutil import nfc

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
# A plan is tens of pages: about 2,000 paragraphs and 100,000 characters. Beyond these the file
# is not a plan, and reading it (``propose``) would hold a web worker for minutes.
MAX_PARAGRAPHS = 20_000
MAX_CHARS = 1_000_000
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TABS = {_W + "tab", _W + "ptab"}


class DocumentError(ValueError):
    """The file cannot be read as a plan; the message (Vietnamese) says what to do."""


def read_document(data: bytes, filename: str) -> str:
    """The text of an uploaded plan. Raises ``DocumentError`` for other file types and for files
    beyond the limits (``MAX_PARAGRAPHS``, ``MAX_CHARS``, the ZIP checks of ``core.uploads``).
    Uploads from the web go through ``read_and_propose`` in a child process, which adds the
    memory and time limits."""
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".docx":
        return _bounded(_docx_text(data, filename), filename)
    if suffix in TEXT_SUFFIXES:
        if len(data) > 4 * MAX_CHARS:  # UTF-8 takes at most four bytes a character
            raise _too_long(len(data), filename)
        try:
            return _bounded(nfc(data.decode("utf-8-sig")), filename)
        except UnicodeDecodeError as error:
            raise DocumentError(
                _(
                    "Tệp “%(name)s” không phải văn bản UTF-8. Hãy lưu lại với bảng mã UTF-8 rồi tải lên lại."
                )
                % {"name": filename}
            ) from error
    raise DocumentError(
        _(
            "Không đọc được tệp “%(name)s”: chỉ nhận văn bản .docx, .txt hoặc .md. Với tệp .doc hoặc .pdf, hãy mở bằng Word và lưu thành .docx."
        )
        % {"name": filename}
    )


def _bounded(text: str, filename: str) -> str:
    if len(text) > MAX_CHARS:
        raise _too_long(len(text), filename)
    lines = text.count("\n") + 1
    if lines > MAX_PARAGRAPHS:
        raise _too_many(lines, filename)
    return text


def _too_long(chars: int, filename: str) -> DocumentError:
    return DocumentError(
        _(
            "Văn bản “%(name)s” dài %(chars)s ký tự: vượt giới hạn %(limit)s ký tự của một kế "
            "hoạch. Hãy tải lên đúng văn bản kế hoạch (bỏ phụ lục, bảng số liệu dài)."
        )
        % {"name": filename, "chars": number(chars), "limit": number(MAX_CHARS)}
    )


def _too_many(paragraphs: int, filename: str) -> DocumentError:
    return DocumentError(
        _(
            "Văn bản “%(name)s” có %(n)s đoạn hoặc dòng: vượt giới hạn %(limit)s của một kế "
            "hoạch. Hãy tải lên đúng văn bản kế hoạch (bỏ phụ lục, bảng số liệu dài)."
        )
        % {"name": filename, "n": number(paragraphs), "limit": number(MAX_PARAGRAPHS)}
    )


def _docx_text(data: bytes, filename: str) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    broken = DocumentError(
        _(
            "Tệp “%(name)s” không phải tệp .docx hợp lệ (có thể bị hỏng). Hãy mở bằng Word, lưu lại rồi tải lên."
        )
        % {"name": filename}
    )
    try:
        check_zip(io.BytesIO(data), what=_("văn bản"))
    except UploadRefused as error:
        if error.__cause__ is not None:  # not a ZIP container at all
            raise broken from error
        raise DocumentError(str(error)) from error
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as error:
        raise broken from error
    body: Any = document.element.body
    _check_size(body, filename)
    lines: list[str] = []
    for element in body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(_paragraph_text(Paragraph(element, document)))
        elif tag == "tbl":
            for row in Table(element, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(_cell_text(cell._tc).split())
                    if text and text not in cells:  # merged cells repeat their text
                        cells.append(text)
                if cells:
                    lines.append(" | ".join(cells))
    return nfc("\n".join(lines))


def _check_size(body: Any, filename: str) -> None:
    """Paragraphs and characters counted on the XML tree before anything is read: linear."""
    paragraphs = sum(1 for _p in body.iter(_W + "p"))
    if paragraphs > MAX_PARAGRAPHS:
        raise _too_many(paragraphs, filename)
    chars = sum(len(t.text or "") for t in body.iter(_W + "t"))
    if chars > MAX_CHARS:
        raise _too_long(chars, filename)


def _paragraph_text(paragraph: Any) -> str:
    text = xml_text(paragraph._p)
    style = str(paragraph.style.name if paragraph.style is not None else "").lower()
    if text.strip() and "list" in style and "bullet" in style:
        return f"- {text}"
    return text


def _cell_text(tc: Any) -> str:
    return "\n".join(xml_text(p) for p in tc.iterchildren(_W + "p"))


def xml_text(p: Any) -> str:
    """A ``w:p`` element's text as python-docx's ``Paragraph.text`` gives it (runs and
    hyperlinks; tabs, breaks, no-break hyphens), in one pass over the children. python-docx
    selects them with an XPath union, which libxml2 merges in quadratic time: one run of 80,000
    line breaks took 34 s, and a 68 KB upload held a web worker until its timeout."""
    parts: list[str] = []
    for child in p.iterchildren(_W + "r", _W + "hyperlink"):
        runs = [child] if child.tag == _W + "r" else child.iterchildren(_W + "r")
        for run in runs:
            for item in run.iterchildren():
                tag = item.tag
                if tag == _W + "t":
                    parts.append(item.text or "")
                elif tag in _TABS:
                    parts.append("\t")
                elif tag == _W + "cr" or (
                    tag == _W + "br" and item.get(_W + "type", "textWrapping") == "textWrapping"
                ):
                    parts.append("\n")
                elif tag == _W + "noBreakHyphen":
                    parts.append("-")
    return "".join(parts)
