"""File names of downloads: one ``Content-Disposition`` for every file the app hands out.

A header may carry only Latin-1, so a Vietnamese name ("Ảnh nhà văn hóa.jpg", a number like
"15/QĐ-UBND") goes in ``filename*`` (RFC 5987/6266: UTF-8, percent-encoded), which every current
browser reads, with an ASCII ``filename`` beside it for the others ("Anh-nha-van-hoa.jpg").
Names the app makes itself are ASCII already: ``file_name("quyet-dinh", "15/QĐ-UBND",
extension="docx")`` gives "quyet-dinh-15-QD-UBND.docx".
"""

from __future__ import annotations

import re
import unicodedata
from typing import IO
from urllib.parse import quote

from django.http import FileResponse, HttpResponse

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def ascii_name(text: str) -> str:
    """Letters without their marks (Đ → D), anything but letters, digits, dots, hyphens and
    underscores as one hyphen: "15/QĐ-UBND" → "15-QD-UBND"."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return _UNSAFE.sub("-", plain).strip("-.") or "tep"


def file_name(*parts: object, extension: str) -> str:
    """An ASCII file name from its parts: ``file_name("tien-do", "Cần Thơ", 2026,
    extension="xlsx")`` → "tien-do-Can-Tho-2026.xlsx"."""
    stem = "-".join(ascii_name(str(part)) for part in parts if str(part))
    return f"{stem}.{extension}"


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """``attachment; filename="…"`` and, for a name beyond ASCII, ``filename*=utf-8''…``."""
    kind = "inline" if inline else "attachment"
    stem, dot, extension = filename.rpartition(".")
    fallback = (
        f"{ascii_name(stem)}.{ascii_name(extension)}" if dot and stem else ascii_name(filename)
    )
    if fallback == filename:
        return f'{kind}; filename="{filename}"'
    return f"{kind}; filename=\"{fallback}\"; filename*=utf-8''{quote(filename, safe='')}"


def attach(response: HttpResponse, filename: str, *, inline: bool = False) -> HttpResponse:
    """The response, named ``filename`` for the browser (saved, or shown when ``inline``)."""
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    return response


def file_response(
    stream: IO[bytes], *, filename: str, content_type: str, inline: bool = False
) -> FileResponse:
    """A stored file streamed to the browser under ``filename``."""
    response = FileResponse(stream, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    return response
