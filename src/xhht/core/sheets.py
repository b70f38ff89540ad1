"""Reading and writing XLSX sheets: shared by every importer and every export.

Reading checks that the upload really is an XLSX workbook (by content) and maps the header row
to the expected columns; writing streams rows through XlsxWriter in constant-memory mode, so an
export of a million rows never holds the workbook in memory.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from io import BytesIO
from typing import IO, Any
from xml.etree import ElementTree

import xlsxwriter  # type: ignore[import-untyped]  # XlsxWriter ships no type information
from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook

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
class SheetImportResult:
    """What an all-or-nothing sheet import tells the user: the problems, or what it changed."""

    problems: list[RowProblem] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    file_error: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems and not self.file_error


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
    rows = _first_sheet_rows(upload)
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


def _first_sheet_rows(upload: IO[bytes]) -> Iterator[list[Any]]:
    """The first sheet's rows from A1, read by calamine (Rust): about ten times faster than
    openpyxl's reader on a 100,000-row workbook, which is what the importers spend most time on."""
    try:
        workbook = CalamineWorkbook.from_filelike(upload)
        sheet = workbook.get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False)
    except (CalamineError, OSError, ValueError, IndexError) as exc:
        raise SheetError(_("Không đọc được tệp XLSX (tệp hỏng hoặc sai định dạng).")) from exc
    return iter(rows)


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
    """Cells as openpyxl gave them: spaces collapsed, empty text as None, whole numbers as int."""
    if isinstance(value, str):
        value = " ".join(value.split())
        return value or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def write_sheet(
    target: IO[bytes], title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """Stream rows into an XLSX file (write-only mode keeps memory flat)."""
    write_workbook(target, [(title, headers, rows)])


def write_workbook(
    target: IO[bytes], sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]
) -> None:
    """Several sheets (title, headers, rows) in one streamed workbook; the first is the data.

    XlsxWriter in constant-memory mode flushes each row as it goes (a million-row export stays
    flat in memory) and writes faster than openpyxl. Text is always written as text: a name
    starting with "=" must never become a formula in the officer's spreadsheet.
    """
    workbook = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "default_date_format": "dd/mm/yyyy",
        },
    )
    for title, headers, rows in sheets:
        sheet = workbook.add_worksheet(title[:31])
        sheet.write_row(0, 0, list(headers))
        for number, row in enumerate(rows, start=1):
            sheet.write_row(number, 0, row)
    workbook.close()


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension ref="[A-Z]+[0-9]+:[A-Z]+([0-9]+)"')
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _first_sheet_path(archive: zipfile.ZipFile) -> str:
    """The part name of the workbook's first sheet (xl/workbook.xml through its relationships)."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))  # noqa: S314 - zip member
    first = next(e for e in workbook.iter() if e.tag.endswith("}sheet"))
    rel_id = first.get(f"{_REL_NS}id")
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
    target = next(r.get("Target", "") for r in rels if r.get("Id") == rel_id)
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def count_rows(upload: IO[bytes]) -> int:
    """Rows below the header of the first sheet, for the progress bar: the size the sheet
    declares (Excel writes it first), else its ``<row>`` elements counted in the raw XML.

    Never parses the sheet: openpyxl's read-only mode parsed all of it to look for the size,
    which took longer than reading the rows, and found none in files written in write-only mode
    (the template, the exports), so the progress bar had no total.
    """
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive, archive.open(_first_sheet_path(archive)) as sheet:
            chunk = sheet.read(1 << 20)
            declared = _DIMENSION.search(chunk[:4096])
            if declared:
                return max(0, int(declared.group(1)) - 1)
            rows, tail = 0, b""
            while chunk:  # a match cannot lie inside ``tail`` alone (it is shorter than "<row ")
                data = tail + chunk
                rows += data.count(b"<row ")
                tail, chunk = data[-4:], sheet.read(1 << 20)
            return max(0, rows - 1)
    except (
        zipfile.BadZipFile,
        KeyError,
        OSError,
        ValueError,
        StopIteration,
        ElementTree.ParseError,
    ):
        return 0
    finally:
        upload.seek(0)


def sheet_bytes(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = BytesIO()
    write_sheet(buffer, title, headers, rows)
    return buffer.getvalue()
