"""Evidence files people attach (an assessment's minh chứng, a task's progress): checked by
their content, never by their name (photos as JPEG or PNG, and PDF), and stored so that a failed
write (a full disk) leaves no half-written file behind."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import warnings
from dataclasses import dataclass
from typing import IO

import filetype
from django.conf import settings
from django.core.files import File
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from xhht.core.downloads import file_response

ALLOWED = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}
#: Errors of a storage that has no room left (a full disk, a user's quota).
DISK_FULL_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT})
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 60_000_000


class UploadRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    size: int
    sha256: str


def max_bytes() -> int:
    return int(getattr(settings, "XHHT_MAX_EVIDENCE_BYTES", DEFAULT_MAX_BYTES))


def check_upload(upload: IO[bytes], size: int) -> CheckedFile:
    """The file's real type, size and hash, or ``UploadRefused`` with a message saying why."""
    limit = max_bytes()
    if size <= 0:
        raise UploadRefused(_("Tệp rỗng. Hãy chọn lại ảnh hoặc tệp PDF."))
    if size > limit:
        raise UploadRefused(
            _(
                "Tệp quá lớn (%(size)s MB); mỗi minh chứng tối đa %(limit)s MB. Hãy chụp ảnh nhỏ hơn hoặc nén tệp PDF."
            )
            % {
                "size": f"{size / 1024 / 1024:.1f}".replace(".", ","),
                "limit": limit // (1024 * 1024),
            }
        )
    upload.seek(0)
    head = upload.read(8192)
    kind = filetype.guess(head)
    mime = kind.mime if kind is not None else ""
    if mime not in ALLOWED:
        raise UploadRefused(
            _(
                "Tệp không phải ảnh (JPEG, PNG) hay PDF, dù tên tệp có thể ghi như vậy. Chỉ nhận ảnh chụp hoặc tệp PDF."
            )
        )
    if mime.startswith("image/"):
        _check_image(upload, mime)
    else:
        _check_pdf(upload)
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: upload.read(1 << 20), b""):
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(content_type=mime, size=size, sha256=digest.hexdigest())


def _check_image(upload: IO[bytes], mime: str) -> None:
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise UploadRefused(_("Ảnh có kích thước điểm ảnh quá lớn."))
                expected = {"image/jpeg": "JPEG", "image/png": "PNG"}[mime]
                if image.format != expected:
                    raise UnidentifiedImageError
                image.verify()
    except UploadRefused:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        raise UploadRefused(
            _("Ảnh bị hỏng hoặc không đọc được. Hãy chụp hoặc chọn lại ảnh.")
        ) from exc


def _check_pdf(upload: IO[bytes]) -> None:
    upload.seek(0)
    if not upload.read(5).startswith(b"%PDF-"):
        raise UploadRefused(_("Tệp PDF bị hỏng hoặc không đọc được."))
    upload.seek(-2048, 2) if _size(upload) > 2048 else upload.seek(0)
    if b"%%EOF" not in upload.read():
        raise UploadRefused(_("Tệp PDF bị hỏng hoặc chưa tải lên hết. Hãy chọn lại tệp."))


def _size(upload: IO[bytes]) -> int:
    position = upload.tell()
    upload.seek(0, 2)
    size = upload.tell()
    upload.seek(position)
    return size


def store(file: FieldFile, upload: File[bytes], filename: str) -> None:
    """Write ``upload`` into the storage under the name the field generates for ``filename``.

    When the write fails (a full disk), whatever was written is deleted; a full storage is
    refused with a message for the person uploading, any other error is raised again.
    """
    name = file.field.generate_filename(file.instance, filename)
    storage = file.storage
    try:
        saved = storage.save(name, upload, max_length=file.field.max_length)
    except OSError as exc:
        with contextlib.suppress(OSError):
            storage.delete(name)
        if exc.errno in DISK_FULL_ERRORS:
            raise UploadRefused(
                _("Máy chủ hết dung lượng lưu trữ; tệp chưa được lưu. Hãy báo quản trị viên.")
            ) from exc
        raise
    file.name = saved


def download(file: FieldFile, *, content_type: str, filename: str) -> FileResponse:
    """Serve a stored evidence file after the caller's access check: a checked photo inline,
    anything else as an attachment; the browser never guesses its type, runs nothing from it
    and keeps no copy."""
    inline = content_type in {"image/jpeg", "image/png"}
    response = file_response(
        file.open("rb"),
        content_type=content_type or "application/octet-stream",
        inline=inline,
        filename=filename,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
