"""Reading and writing XLSX sheets: shared by every importer and every export.

Reading checks that the upload really is an XLSX workbook (by content), reads its first sheet in
a child process under size, extent, memory and time limits (``read_first_sheet``: a hostile file
is refused with a message, never a crash of the web process) and maps the header row to the
expected columns (the header may sit under a title row); writing (``sheet_writing``, re-exported
here) streams rows through XlsxWriter, so an export never holds the workbook in memory.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils.translation import gettext as _

from xhht.core import sheet_checks
from xhht.core.sheet_checks import SheetError as SheetError  # the importers' name for it
from xhht.core.sheet_checks import SheetLimits
from xhht.core.sheet_writing import DATE as DATE
from xhht.core.sheet_writing import DECIMAL as DECIMAL
from xhht.core.sheet_writing import INTEGER as INTEGER
from xhht.core.sheet_writing import PERCENT as PERCENT
from xhht.core.sheet_writing import Column as Column
from xhht.core.sheet_writing import Formatted as Formatted
from xhht.core.sheet_writing import Sheet as Sheet
from xhht.core.sheet_writing import sheet_bytes as sheet_bytes
from xhht.core.sheet_writing import workbook_bytes as workbook_bytes
from xhht.core.sheet_writing import write_csv as write_csv
from xhht.core.sheet_writing import write_list as write_list
from xhht.core.sheet_writing import write_sheet as write_sheet
from xhht.core.sheet_writing import write_workbook as write_workbook
from xhht.core.text import fold
from xhht.core.uploads import ParseFailed, UploadRefused, run_isolated

#: Rows above the header a sheet may have (its title, where and when, a blank line).
HEADER_SEARCH_ROWS = 5


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
    sheet: int = 0,
) -> Iterator[tuple[int, dict[str, Any] | None]]:
    """Yield (row number, values by key) for each row after the header; None for a blank row.

    ``columns`` maps keys to header titles; headers match without diacritics or case, so
    "Ten thon" matches "Tên thôn". Columns whose key is in ``optional`` may be left out of the
    sheet: their value is then None. The sheet is read in a child process under limits
    (``read_first_sheet``); a file beyond them raises ``SheetError`` naming the limit. ``sheet``
    is the sheet's position in a workbook of several related sheets (0: the first).
    """
    all_rows = read_first_sheet(upload, max_bytes=max_bytes, sheet=sheet)
    if not all_rows:
        raise SheetError(_("Bảng tính trống: không có dòng tiêu đề."))
    wanted = {fold(title): key for key, title in columns}
    header_at, positions = _find_header(all_rows, wanted)
    rows = iter(all_rows[header_at + 1 :])
    missing = [title for key, title in columns if key not in positions and key not in optional]
    if missing:
        raise SheetError(
            _("Thiếu cột: %(columns)s. Hãy dùng tệp mẫu.") % {"columns": ", ".join(missing)}
        )
    absent = [key for key, _title in columns if key not in positions]
    for number, values in enumerate(rows, start=header_at + 2):
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


def read_first_sheet(
    upload: IO[bytes], *, max_bytes: int | None = None, sheet: int = 0
) -> list[list[Any]]:
    """The first sheet's rows from A1 (trailing empty cells left out), read in a child process.

    calamine (Rust) reads about ten times faster than openpyxl, but it allocates the whole
    rectangle from A1 to the farthest cell and aborts the process when that fails: one cell at
    XFD1048576 asks for 512 GiB. So the container, the declared size and the real extent are
    checked in a child process under ``uploads.Limits`` (``sheet_checks``), and when the child
    dies anyway the farthest cell is looked up in the raw XML to say what to fix.
    """
    data = _upload_bytes(upload, max_bytes)
    limits = SheetLimits.from_settings()
    try:
        return run_isolated(sheet_checks.parse_first_sheet, data, limits, sheet)
    except ParseFailed as failed:
        try:
            far = run_isolated(sheet_checks.farthest_cell_problem, data, limits, sheet)
        except UploadRefused:
            far = None
        raise SheetError(far or str(failed)) from failed
    except UploadRefused as refused:
        raise SheetError(str(refused)) from refused


def _upload_bytes(upload: IO[bytes], max_bytes: int | None) -> bytes:
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
    data = upload.read()
    upload.seek(0)
    return data


def read_sheet(
    upload: IO[bytes],
    columns: Sequence[tuple[str, str]],
    *,
    max_bytes: int | None = None,
    optional: Collection[str] = (),
    sheet: int = 0,
) -> SheetRows:
    """All rows at once; blank rows after the last data row are not reported."""
    result = SheetRows()
    pending_blanks: list[int] = []
    rows = iter_sheet(upload, columns, max_bytes=max_bytes, optional=optional, sheet=sheet)
    for number, record in rows:
        if record is None:
            pending_blanks.append(number)
            continue
        result.blank_rows.extend(pending_blanks)
        pending_blanks = []
        result.rows.append((number, record))
    return result


def read_import_sheet(
    upload: IO[bytes],
    columns: Sequence[tuple[str, str]],
    result: SheetImportResult,
    *,
    max_bytes: int | None = None,
    optional: Collection[str] = (),
    sheet: int = 0,
) -> SheetRows | None:
    """The rows of an all-or-nothing import; what is wrong with the file as a whole goes into
    ``result`` (an unreadable file, no data row) and blank rows among the data become row
    problems. None when there is nothing left to check."""
    try:
        found = read_sheet(upload, columns, max_bytes=max_bytes, optional=optional, sheet=sheet)
    except SheetError as exc:
        result.file_error = str(exc)
        return None
    for number in found.blank_rows:
        result.problems.append(
            RowProblem(
                number, _("dòng trống giữa các dòng dữ liệu; xóa dòng này hoặc điền đủ thông tin.")
            )
        )
    if not found.rows and not result.problems:
        result.file_error = _("Bảng tính không có dòng dữ liệu nào.")
        return None
    return found


def _find_header(
    rows: Sequence[Sequence[Any]], wanted: dict[str, str]
) -> tuple[int, dict[str, int]]:
    """The header row: of the first ``HEADER_SEARCH_ROWS`` rows, the one naming the most
    expected columns (the sheets the app writes put a title row above it; an older file has its
    header first), and each key's column in it."""
    best, best_positions = 0, dict[str, int]()
    for at, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        positions: dict[str, int] = {}
        for index, title in enumerate(row):
            key = wanted.get(fold(str(title))) if title is not None else None
            if key is not None and key not in positions:
                positions[key] = index
        if len(positions) > len(best_positions):
            best, best_positions = at, positions
    return best, best_positions


def _clean(value: Any) -> Any:
    """Cells as openpyxl gave them: spaces collapsed, empty text as None, whole numbers as int."""
    if isinstance(value, str):
        value = " ".join(value.split())
        return value or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def count_rows(upload: IO[bytes]) -> int:
    """Rows below the header of the first sheet, for the progress bar: the size the sheet
    declares (Excel writes it first), else its ``<row>`` elements counted in the raw XML; 0 when
    the file cannot be read (reading it then says why). Counted in a child process too.

    Never parses the sheet: openpyxl's read-only mode parsed all of it to look for the size,
    which took longer than reading the rows, and found none in files written in write-only mode
    (the template, the exports), so the progress bar had no total.
    """
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        return run_isolated(sheet_checks.count_rows, data)
    except UploadRefused:
        return 0
