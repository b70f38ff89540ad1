"""Reading and writing XLSX sheets: shared by every importer and every export.

Reading checks that the upload really is an XLSX workbook (by content), reads its first sheet in
a child process under size, extent, memory and time limits (``read_first_sheet``: a hostile file
is refused with a message, never a crash of the web process) and maps the header row to the
expected columns; writing streams rows through XlsxWriter in constant-memory mode, so an
export of a million rows never holds the workbook in memory.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from io import BytesIO
from typing import IO, Any

import xlsxwriter  # type: ignore[import-untyped]  # XlsxWriter ships no type information
from django.utils.translation import gettext as _

from xhht.core import sheet_checks
from xhht.core.sheet_checks import SheetError as SheetError  # the importers' name for it
from xhht.core.sheet_checks import SheetLimits
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
) -> Iterator[tuple[int, dict[str, Any] | None]]:
    """Yield (row number, values by key) for each row after the header; None for a blank row.

    ``columns`` maps keys to header titles; headers match without diacritics or case, so
    "Ten thon" matches "Tên thôn". Columns whose key is in ``optional`` may be left out of the
    sheet: their value is then None. The sheet is read in a child process under limits
    (``read_first_sheet``); a file beyond them raises ``SheetError`` naming the limit.
    """
    all_rows = read_first_sheet(upload, max_bytes=max_bytes)
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


def read_first_sheet(upload: IO[bytes], *, max_bytes: int | None = None) -> list[list[Any]]:
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
        return run_isolated(sheet_checks.parse_first_sheet, data, limits)
    except ParseFailed as failed:
        try:
            far = run_isolated(sheet_checks.farthest_cell_problem, data, limits)
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


def read_import_sheet(
    upload: IO[bytes],
    columns: Sequence[tuple[str, str]],
    result: SheetImportResult,
    *,
    max_bytes: int | None = None,
    optional: Collection[str] = (),
) -> SheetRows | None:
    """The rows of an all-or-nothing import; what is wrong with the file as a whole goes into
    ``result`` (an unreadable file, no data row) and blank rows among the data become row
    problems. None when there is nothing left to check."""
    try:
        sheet = read_sheet(upload, columns, max_bytes=max_bytes, optional=optional)
    except SheetError as exc:
        result.file_error = str(exc)
        return None
    for number in sheet.blank_rows:
        result.problems.append(
            RowProblem(
                number, _("dòng trống giữa các dòng dữ liệu; xóa dòng này hoặc điền đủ thông tin.")
            )
        )
    if not sheet.rows and not result.problems:
        result.file_error = _("Bảng tính không có dòng dữ liệu nào.")
        return None
    return sheet


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


#: Excel number formats the sheets use: whole numbers grouped, decimals, percentages, dates.
INTEGER = "#,##0"
DECIMAL = "#,##0.##"
PERCENT = "0.0%"
DATE = "dd/mm/yyyy"
_SHEET_NAME_FORBIDDEN = str.maketrans({c: "-" for c in "[]:*?/\\"})


@dataclass(frozen=True)
class Column:
    """A column of a written sheet: its header, width (characters; from the header when 0),
    Excel number format, and the values its dropdown offers (an import template's choices)."""

    title: str
    width: float = 0
    number_format: str = ""
    choices: Sequence[str] = ()


@dataclass(frozen=True)
class Formatted:
    """One cell with its own number format (a column mixing percentages and counts)."""

    value: Any
    number_format: str


@dataclass
class Sheet:
    """A sheet to write: ``title`` is the row above the header saying what, where and when."""

    name: str
    columns: Sequence[Column | str]
    rows: Iterable[Sequence[Any]] = ()
    title: str = ""
    #: Data rows the dropdowns cover (a template is filled below its header).
    choice_rows: int = 2000


SheetSpec = Sheet | tuple[str, Sequence[str], Iterable[Sequence[Any]]]


def write_sheet(
    target: IO[bytes], title: str, headers: Sequence[str | Column], rows: Iterable[Sequence[Any]]
) -> None:
    """Stream rows into an XLSX file (write-only mode keeps memory flat)."""
    write_workbook(target, [Sheet(title, headers, rows)])


def write_workbook(target: IO[bytes], sheets: Sequence[SheetSpec]) -> None:
    """Several sheets in one streamed workbook; the first is the data.

    Each sheet: its title row (bold) when given, the header (bold, wrapped, frozen, with a
    filter), the columns at their widths, numbers and dates as numbers and dates in their
    formats, dropdowns drawn from a hidden "Danh mục" sheet. XlsxWriter in constant-memory mode
    flushes each row as it goes (a million-row export stays flat in memory) and writes faster
    than openpyxl. Text is always written as text: a name starting with "=" must never become a
    formula in the officer's spreadsheet.
    """
    workbook = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "default_date_format": DATE,
        },
    )
    styles = _Styles(workbook)
    lists: list[Sequence[str]] = []
    written = [_write_one(workbook, _as_sheet(spec), styles, lists) for spec in sheets]
    if lists:
        _write_lists(workbook, written, lists, styles)
    workbook.close()


class _Styles:
    def __init__(self, workbook: Any) -> None:
        self.workbook = workbook
        self.title = workbook.add_format({"bold": True, "font_size": 13})
        self.header = workbook.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#E8EEF4", "border": 1}
        )
        self.numbers: dict[str, Any] = {}

    def number(self, number_format: str) -> Any:
        if not number_format:
            return None
        if number_format not in self.numbers:
            self.numbers[number_format] = self.workbook.add_format({"num_format": number_format})
        return self.numbers[number_format]


@dataclass
class _Written:
    sheet: Any
    columns: list[Column]
    header_row: int
    choice_rows: int


def _as_sheet(spec: SheetSpec) -> Sheet:
    if isinstance(spec, Sheet):
        return spec
    name, headers, rows = spec
    return Sheet(name, headers, rows)


def _width(column: Column) -> float:
    return column.width or min(max(len(column.title) + 2, 10), 40)


def _write_one(workbook: Any, spec: Sheet, styles: _Styles, lists: list[Sequence[str]]) -> _Written:
    sheet = workbook.add_worksheet(spec.name.translate(_SHEET_NAME_FORBIDDEN)[:31])
    columns = [c if isinstance(c, Column) else Column(c) for c in spec.columns]
    formats = [styles.number(c.number_format) for c in columns]
    for index, column in enumerate(columns):
        sheet.set_column(index, index, _width(column))
    header_row = 0
    if spec.title:
        sheet.write_string(0, 0, spec.title, styles.title)
        header_row = 1
    sheet.write_row(header_row, 0, [c.title for c in columns], styles.header)
    sheet.freeze_panes(header_row + 1, 0)
    last = header_row
    for last, row in enumerate(spec.rows, start=header_row + 1):
        for index, value in enumerate(row):
            if isinstance(value, Formatted):
                sheet.write(last, index, value.value, styles.number(value.number_format))
                continue
            fmt = formats[index] if index < len(formats) else None
            sheet.write(last, index, value, fmt)
    if columns:
        sheet.autofilter(header_row, 0, max(last, header_row + 1), len(columns) - 1)
    for column in columns:
        if column.choices:
            lists.append(column.choices)
    return _Written(sheet, columns, header_row, spec.choice_rows)


def _write_lists(
    workbook: Any, written: list[_Written], lists: list[Sequence[str]], styles: _Styles
) -> None:
    """The dropdowns' values, a column each, on a hidden sheet; each column with choices gets
    a list validation pointing at its range (labels may hold commas: no inline list)."""
    catalogue = workbook.add_worksheet("Danh mục")
    titles = [c.title for one in written for c in one.columns if c.choices]
    catalogue.write_row(0, 0, titles, styles.header)
    for row in range(max(len(values) for values in lists)):  # constant memory: row by row
        for at, values in enumerate(lists):
            if row < len(values):
                catalogue.write_string(row + 1, at, str(values[row]))
    at = 0
    for one in written:
        for index, column in enumerate(one.columns):
            if not column.choices:
                continue
            letter = xlsxwriter.utility.xl_col_to_name(at)
            source = f"='Danh mục'!${letter}$2:${letter}${len(column.choices) + 1}"
            one.sheet.data_validation(
                one.header_row + 1,
                index,
                one.header_row + one.choice_rows,
                index,
                {
                    "validate": "list",
                    "source": source,
                    "error_title": _("Giá trị không có trong danh sách"),
                    "error_message": _("Hãy chọn một giá trị trong danh sách của cột %(column)s.")
                    % {"column": column.title},
                },
            )
            at += 1
    catalogue.hide()


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


def sheet_bytes(
    title: str, headers: Sequence[str | Column], rows: Iterable[Sequence[Any]]
) -> bytes:
    buffer = BytesIO()
    write_sheet(buffer, title, headers, rows)
    return buffer.getvalue()


def workbook_bytes(sheets: Sequence[SheetSpec]) -> bytes:
    buffer = BytesIO()
    write_workbook(buffer, sheets)
    return buffer.getvalue()
