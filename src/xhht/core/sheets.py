"""Reading and writing XLSX sheets: shared by every importer and every export.

Reading checks that the upload really is an XLSX workbook (by content) and maps the header row
to the expected columns; writing streams rows through openpyxl's write-only mode, so an export
of a million rows never holds the workbook in memory.
"""

from __future__ import annotations

import zipfile
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from io import BytesIO
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from xhht.core.text import fold


class SheetError(Exception):
    """The file as a whole cannot be read (not XLSX, no header, missing columns)."""


@dataclass
class RowProblem:
    row: int
    message: str

    def __str__(self) -> str:
        return _("Dòng %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class SheetRows:
    """The data rows of a sheet as dicts keyed by column key, with their sheet row numbers."""

    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    blank_rows: list[int] = field(default_factory=list)


def _is_xlsx(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04")


def iter_sheet(
    upload: IO[bytes],
    columns: Sequence[tuple[str, str]],
    *,
    max_bytes: int | None = None,
    optional: Collection[str] = (),
) -> Iterator[tuple[int, dict[str, Any] | None]]:
    """Yield (row number, values by key) for each row after the header; None for a blank row.

    ``columns`` maps keys to header titles; headers match without diacritics or case, so
    "Ten thon" matches "Tên thôn". Columns whose key is in ``optional`` may be left out of the
    sheet: their value is then None.
    """
    upload.seek(0)
    head = upload.read(4)
    upload.seek(0)
    if not _is_xlsx(head):
        raise SheetError(
            _("Tệp không phải bảng tính XLSX. Hãy lưu tệp dưới dạng .xlsx rồi tải lên lại.")
        )
    if max_bytes is not None:
        upload.seek(0, 2)
        size = upload.tell()
        upload.seek(0)
        if size > max_bytes:
            raise SheetError(
                _("Tệp quá lớn (%(size)s MB); giới hạn là %(limit)s MB.")
                % {"size": size // (1024 * 1024), "limit": max_bytes // (1024 * 1024)}
            )
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise SheetError(_("Không đọc được tệp XLSX (tệp hỏng hoặc sai định dạng).")) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise SheetError(_("Bảng tính trống: không có dòng tiêu đề."))
        wanted = {fold(title): key for key, title in columns}
        positions: dict[str, int] = {}
        for index, title in enumerate(header):
            key = wanted.get(fold(str(title))) if title is not None else None
            if key is not None and key not in positions:
                positions[key] = index
        missing = [title for key, title in columns if key not in positions and key not in optional]
        if missing:
            raise SheetError(
                _("Thiếu cột: %(columns)s. Hãy dùng tệp mẫu.") % {"columns": ", ".join(missing)}
            )
        absent = [key for key, _title in columns if key not in positions]
        for number, values in enumerate(rows, start=2):
            record = {
                key: _clean(values[pos] if pos < len(values) else None)
                for key, pos in positions.items()
            }
            for key in absent:
                record[key] = None
            if all(v in (None, "") for v in record.values()):
                yield number, None
            else:
                yield number, record
    finally:
        workbook.close()


def read_sheet(
    upload: IO[bytes],
    columns: Sequence[tuple[str, str]],
    *,
    max_bytes: int | None = None,
    optional: Collection[str] = (),
) -> SheetRows:
    """All rows at once; blank rows after the last data row are not reported."""
    result = SheetRows()
    pending_blanks: list[int] = []
    for number, record in iter_sheet(upload, columns, max_bytes=max_bytes, optional=optional):
        if record is None:
            pending_blanks.append(number)
            continue
        result.blank_rows.extend(pending_blanks)
        pending_blanks = []
        result.rows.append((number, record))
    return result


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        value = " ".join(value.split())
        return value
    return value


def write_sheet(
    target: IO[bytes], title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """Stream rows into an XLSX file (write-only mode keeps memory flat)."""
    write_workbook(target, [(title, headers, rows)])


def write_workbook(
    target: IO[bytes], sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]
) -> None:
    """Several sheets (title, headers, rows) in one streamed workbook; the first is the data."""
    workbook = Workbook(write_only=True)
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append(list(headers))
        for row in rows:
            sheet.append(list(row))
    workbook.save(target)


def count_rows(upload: IO[bytes]) -> int:
    """Rows below the header of the first sheet, as the file declares them (cheap: no full read)."""
    upload.seek(0)
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        return 0
    try:
        return max(0, (workbook.worksheets[0].max_row or 1) - 1)
    finally:
        workbook.close()
        upload.seek(0)


def sheet_bytes(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = BytesIO()
    write_sheet(buffer, title, headers, rows)
    return buffer.getvalue()
