"""Writing XLSX sheets the way people use them: a title row saying what, where and when, a bold
frozen header with a filter, columns at their widths, numbers, percentages and dates in their
formats, dropdowns for an import template's choices (from a hidden "Danh mục" sheet).

XlsxWriter in constant-memory mode streams each row (a million-row export stays flat in
memory); ``core.sheets`` re-exports these names for the importers and exports. A long list
(``write_list``: one sheet, no dropdowns) goes through rustpy-xlsxwriter instead, a binding of
the Rust ``rust_xlsxwriter`` that writes about ten times faster, also streamed
(docs/decisions/0005-xlsx-writer.md); ``write_csv`` writes the same list as CSV.
"""

from __future__ import annotations

import csv
import datetime
import io
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from io import BytesIO
from math import ceil
from pathlib import Path
from typing import IO, Any

import rustpy_xlsxwriter
import xlsxwriter  # type: ignore[import-untyped]  # XlsxWriter ships no type information
from django.utils.translation import gettext as _

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


#: Points a line of the (bold, wrapped) header takes.
HEADER_LINE_HEIGHT = 15


def _header_lines(columns: Sequence[Column]) -> int:
    """How many lines the longest wrapped header title takes in its column (bold letters are
    wider than the width's characters: a tenth is kept for them)."""
    return max(
        (ceil(len(c.title) / max(_width(c) * 0.9 - 1, 1)) for c in columns if c.title),
        default=1,
    )


#: Column widths (characters) an A4 portrait page holds; wider sheets print landscape.
PORTRAIT_WIDTH = 90
#: Up to this width every column is shrunk onto one page's width (beyond, too small to read).
FIT_WIDTH = 250


def _print_setup(sheet: Any, width: float) -> None:
    """A4, landscape when the columns are wider than a portrait page, one page wide when that
    keeps the print readable (LibreOffice otherwise splits a list's columns over pages)."""
    sheet.set_paper(9)
    if width > PORTRAIT_WIDTH:
        sheet.set_landscape()
    if width <= FIT_WIDTH:
        sheet.fit_to_pages(1, 0)


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
    lines = _header_lines(columns)
    if lines > 1:  # LibreOffice keeps a wrapped header one line high, over the first rows
        sheet.set_row(header_row, HEADER_LINE_HEIGHT * lines)
    sheet.write_row(header_row, 0, [c.title for c in columns], styles.header)
    sheet.freeze_panes(header_row + 1, 0)
    _print_setup(sheet, sum(_width(c) for c in columns))
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


def write_list(target: Path, spec: Sheet) -> None:
    """One long sheet (an export of a list) into the file ``target``, laid out as
    ``write_workbook`` lays it out (title row, bold frozen header with a filter, widths, number
    formats, print setup), by rustpy-xlsxwriter: Rust writes each row as it comes (constant
    memory) about ten times faster than XlsxWriter. Text stays text (a name starting with "="
    is never a formula, "001…" keeps its zeros); no dropdowns, no ``Formatted`` cells.

    The writer takes a column's number format from the dates it holds: a number in a column
    that also holds dates would show as a date (1985 as 07/06/1905), so a column must not mix
    them: the people export writes a bare birth year as text ("1985", which its import reads).
    """
    rows = iter(spec.rows)
    first = next(rows, None)
    if first is None:  # the Rust writer takes the header from the first row: XlsxWriter's
        with target.open("wb") as out:
            write_workbook(out, [Sheet(spec.name, spec.columns, (), title=spec.title)])
        return
    columns = [c if isinstance(c, Column) else Column(c) for c in spec.columns]
    titles = [c.title for c in columns]
    header_row = 1 if spec.title else 0
    header = (
        rustpy_xlsxwriter.Format()
        .set_bold()
        .set_text_wrap()
        .set_align("top")
        .set_background_color("#E8EEF4")
        .set_border("thin")
    )
    width = sum(_width(c) for c in columns)
    page: dict[str, Any] = {"paper_size": 9, "landscape": width > PORTRAIT_WIDTH}
    if width <= FIT_WIDTH:
        page["fit_to_pages"] = (1, 0)
    lines = _header_lines(columns)
    bold = rustpy_xlsxwriter.Format().set_bold().set_font_size(13)
    last_column = max(len(columns) - 1, 1)
    title: list[Any] | None = [(0, 0, 0, last_column, spec.title, bold)] if spec.title else None
    rustpy_xlsxwriter.write_worksheet(
        (dict(zip(titles, row, strict=False)) for row in itertools.chain([first], rows)),
        str(target),
        sheet_name=spec.name.translate(_SHEET_NAME_FORBIDDEN)[:31],
        freeze_row=header_row + 1,
        freeze_col=0,
        datetime_format=DATE,
        column_widths=[_width(c) for c in columns],
        column_formats={
            c.title: rustpy_xlsxwriter.Format().set_num_format(c.number_format)
            for c in columns
            if c.number_format
        },
        header_format=header,
        header_row=header_row,
        merge_ranges=title,
        row_heights={header_row: HEADER_LINE_HEIGHT * lines} if lines > 1 else None,
        autofilter=True,
        page_setup=page,
    )


#: A cell starting with one of these is a formula to a spreadsheet opening a CSV file (OWASP's
#: "CSV injection"): it gets a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A cell as CSV text: dates as dd/mm/yyyy, text guarded against formulas, numbers as
    they are, nothing as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    return value


def write_csv(target: IO[bytes], spec: Sheet) -> None:
    """The sheet's header and rows as CSV in UTF-8 with a byte order mark (Excel then reads
    Vietnamese letters right), comma-separated; no title row (the file name says what it is)."""
    text = io.TextIOWrapper(target, encoding="utf-8-sig", newline="")
    out = csv.writer(text)
    out.writerow([csv_cell(c.title if isinstance(c, Column) else c) for c in spec.columns])
    for row in spec.rows:
        out.writerow([csv_cell(value) for value in row])
    text.flush()
    text.detach()  # leave ``target`` open for the caller


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
