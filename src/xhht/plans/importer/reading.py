"""Uploaded plan documents to plain text: .docx (paragraphs, lists and tables), .txt, .md."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath
from typing import Any

from django.utils.translation import gettext as _

from .textutil import nfc

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}


class DocumentError(ValueError):
    """The file cannot be read as a plan; the message (Vietnamese) says what to do."""


def read_document(data: bytes, filename: str) -> str:
    """The text of an uploaded plan. Raises ``DocumentError`` for other file types."""
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".docx":
        return _docx_text(data, filename)
    if suffix in TEXT_SUFFIXES:
        try:
            return nfc(data.decode("utf-8-sig"))
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


def _docx_text(data: bytes, filename: str) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise DocumentError(
            _(
                "Tệp “%(name)s” không phải tệp .docx hợp lệ (có thể bị hỏng). Hãy mở bằng Word, lưu lại rồi tải lên."
            )
            % {"name": filename}
        ) from error
    lines: list[str] = []
    body: Any = document.element.body
    for element in body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(_paragraph_text(Paragraph(element, document)))
        elif tag == "tbl":
            for row in Table(element, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if text and text not in cells:  # merged cells repeat their text
                        cells.append(text)
                if cells:
                    lines.append(" | ".join(cells))
    return nfc("\n".join(lines))


def _paragraph_text(paragraph: Any) -> str:
    text = str(paragraph.text)
    style = str(paragraph.style.name if paragraph.style is not None else "").lower()
    if text.strip() and "list" in style and "bullet" in style:
        return f"- {text}"
    return text
