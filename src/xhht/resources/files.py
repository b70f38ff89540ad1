"""Uploaded resource files, checked by their content, never by their name: PDF, DOCX, XLSX,
PPTX, EPUB, MP3, MP4, JPEG and PNG, at most ``XHHT_MAX_RESOURCE_BYTES`` (100 MB by default).

Office documents and EPUB are ZIP containers: their declared sizes are checked against
decompression bombs (``core.uploads.check_zip``) and they must hold the part that makes them what
they claim (``word/document.xml``, ``mimetype`` = ``application/epub+zip`` …). A file whose name
says one type and whose content is another is refused too. Storing and serving go through
``core.files`` (a failed write leaves nothing; downloads are sandboxed and never sniffed).
"""

from __future__ import annotations

import hashlib
import warnings
import zipfile
from typing import IO

import filetype
from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from xhht.core.files import CheckedFile, UploadRefused
from xhht.core.uploads import check_zip

DEFAULT_MAX_BYTES = 100 * 1024 * 1024
MAX_PIXELS = 60_000_000

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
EPUB = "application/epub+zip"

#: Accepted types by content, with the extension a download gets.
ALLOWED: dict[str, str] = {
    "application/pdf": "pdf",
    DOCX: "docx",
    XLSX: "xlsx",
    PPTX: "pptx",
    EPUB: "epub",
    "audio/mpeg": "mp3",
    "video/mp4": "mp4",
    "image/jpeg": "jpg",
    "image/png": "png",
}
#: Names an extension may carry for the same type.
EXTENSIONS: dict[str, frozenset[str]] = {
    mime: frozenset({ext} | ({"jpeg"} if ext == "jpg" else set())) for mime, ext in ALLOWED.items()
}
_ALL_EXTENSIONS = frozenset().union(*EXTENSIONS.values())
#: The part of a ZIP container that makes it the type it claims.
CONTAINER_PARTS: dict[str, str] = {
    DOCX: "word/document.xml",
    XLSX: "xl/workbook.xml",
    PPTX: "ppt/presentation.xml",
    EPUB: "META-INF/container.xml",
}


def max_bytes() -> int:
    return int(getattr(settings, "XHHT_MAX_RESOURCE_BYTES", DEFAULT_MAX_BYTES))


def accepted_names() -> str:
    return "PDF, DOCX, XLSX, PPTX, EPUB, MP3, MP4, JPEG, PNG"


def check_resource_file(upload: IO[bytes], size: int, name: str = "") -> CheckedFile:
    """The file's real type, size and hash, or ``UploadRefused`` saying why (nothing written)."""
    limit = max_bytes()
    if size <= 0:
        raise UploadRefused(_("Tệp rỗng. Hãy chọn lại tệp."))
    if size > limit:
        raise UploadRefused(
            _("Tệp quá lớn (%(size)s MB); mỗi học liệu tối đa %(limit)s MB.")
            % {
                "size": f"{size / 1024 / 1024:.1f}".replace(".", ","),
                "limit": limit // (1024 * 1024),
            }
        )
    upload.seek(0)
    kind = filetype.guess(upload.read(8192))
    mime = kind.mime if kind is not None else ""
    if mime not in ALLOWED:
        raise UploadRefused(
            _(
                "Nội dung tệp không phải một loại được nhận (%(types)s), dù tên tệp có thể ghi "
                "như vậy. Hãy chọn đúng tệp."
            )
            % {"types": accepted_names()}
        )
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if extension in _ALL_EXTENSIONS and extension not in EXTENSIONS[mime]:
        raise UploadRefused(
            _("Tên tệp ghi .%(claimed)s nhưng nội dung là tệp %(real)s. Hãy chọn đúng tệp.")
            % {"claimed": extension, "real": ALLOWED[mime].upper()}
        )
    if mime in CONTAINER_PARTS:
        _check_container(upload, mime)
    elif mime.startswith("image/"):
        _check_image(upload, mime)
    elif mime == "application/pdf":
        _check_pdf(upload, size)
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: upload.read(1 << 20), b""):
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(content_type=mime, size=size, sha256=digest.hexdigest())


def _check_container(upload: IO[bytes], mime: str) -> None:
    what = ALLOWED[mime].upper()
    upload.seek(0)
    check_zip(upload, what=what)
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            part = CONTAINER_PARTS[mime]
            right = part in names
            if mime == EPUB and right:
                right = archive.read("mimetype").strip() == b"application/epub+zip"
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        right = False
    if not right:
        raise UploadRefused(
            _("Tệp %(what)s bị hỏng hoặc không đúng định dạng. Hãy chọn lại tệp.") % {"what": what}
        )


def _check_image(upload: IO[bytes], mime: str) -> None:
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                expected = {"image/jpeg": "JPEG", "image/png": "PNG"}[mime]
                if image.format != expected or image.width * image.height > MAX_PIXELS:
                    raise UnidentifiedImageError
                image.verify()
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        raise UploadRefused(_("Ảnh bị hỏng, quá lớn hoặc không đọc được.")) from exc


def _check_pdf(upload: IO[bytes], size: int) -> None:
    upload.seek(max(0, size - 2048))
    if b"%%EOF" not in upload.read():
        raise UploadRefused(_("Tệp PDF bị hỏng hoặc chưa tải lên hết. Hãy chọn lại tệp."))
