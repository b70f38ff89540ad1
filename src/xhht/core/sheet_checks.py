"""Reading the first sheet of an uploaded workbook under limits: the part that runs in the child
process of ``uploads.run_isolated`` (``core.sheets`` calls it; nothing here is safe to run in the
web process on an untrusted file).

In order: the ZIP container (``uploads.check_zip``), the size the sheet declares
(``<dimension ref=…>``), the real extent calamine found (it allocates the rectangle from A1 to
the farthest cell before anything can be checked, so a far cell either fits in the child's memory
and is refused here, or kills the child and ``farthest_cell_problem`` names it from the raw XML),
then the length of every text cell.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from io import BytesIO
from typing import Any
from xml.etree import ElementTree

from django.conf import settings
from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook

from xhht.core.uploads import UploadRefused, check_zip, number

# The rectangle calamine builds holds 32 bytes a cell, Python then a list slot and an object.
MAX_SHEET_CELLS = 5_000_000
MAX_CELL_CHARS = 32_767  # Excel's own limit for the text of one cell
_DIMENSION = re.compile(
    rb'<(?:[A-Za-z_][\w.-]*:)?dimension ref="(?:[A-Za-z]+[0-9]+:)?([A-Za-z]+)([0-9]+)"'
)
_DIMENSION_ROW = re.compile(rb'<(?:\w+:)?dimension ref="[A-Z]+[0-9]+:[A-Z]+([0-9]+)"')
_REFERENCE = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?(?:c|row)\s[^<>]{0,512}?\br="([A-Z]*)([0-9]+)"')
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_CHUNK = 1 << 20
# A broken container or workbook part (UploadRefused is a ValueError too: caught before these).
_BROKEN = (zipfile.BadZipFile, KeyError, OSError, ValueError, ElementTree.ParseError)


class SheetError(Exception):
    """The file as a whole cannot be read (not XLSX, no header, missing columns, too big)."""


@dataclass(frozen=True)
class SheetLimits:
    rows: int  # data rows, below the header
    columns: int
    cells: int = MAX_SHEET_CELLS

    @classmethod
    def from_settings(cls) -> SheetLimits:
        return cls(settings.XHHT_MAX_SHEET_ROWS, settings.XHHT_MAX_SHEET_COLUMNS)

    def extent_problem(self, rows: int, columns: int, *, declared: bool = False) -> str | None:
        """A message when a sheet reaching row ``rows``, column ``columns`` is too big."""
        if rows - 1 > self.rows or columns > self.columns:
            message = (
                _(
                    "Bảng tính khai báo vùng dữ liệu đến cột %(column)s, dòng %(row)s: vượt giới "
                    "hạn %(max_columns)s cột và %(max_rows)s dòng."
                )
                if declared
                else _(
                    "Bảng tính có ô ở cột %(column)s, dòng %(row)s: vượt giới hạn %(max_columns)s "
                    "cột và %(max_rows)s dòng."
                )
            )
            return (
                message
                % {
                    "column": column_letters(columns),
                    "row": number(rows),
                    "max_columns": number(self.columns),
                    "max_rows": number(self.rows),
                }
                + " "
                + _(
                    "Hãy xoá các ô thừa ở ngoài vùng dữ liệu (hoặc chép dữ liệu sang một tệp mới), "
                    "hoặc chia tệp thành nhiều tệp nhỏ hơn, rồi tải lên lại."
                )
            )
        if rows * columns > self.cells:
            return _(
                "Bảng tính có %(rows)s dòng × %(columns)s cột = %(cells)s ô: vượt giới hạn "
                "%(limit)s ô. Hãy xoá các cột thừa hoặc chia tệp thành nhiều tệp nhỏ hơn."
            ) % {
                "rows": number(rows),
                "columns": number(columns),
                "cells": number(rows * columns),
                "limit": number(self.cells),
            }
        return None


def column_letters(column: int) -> str:
    """1 → "A", 200 → "GR", 16384 → "XFD"."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_number(letters: str) -> int:
    value = 0
    for char in letters.upper():
        value = value * 26 + ord(char) - ord("A") + 1
    return value


def _unreadable() -> SheetError:
    return SheetError(_("Không đọc được tệp XLSX (tệp hỏng hoặc sai định dạng)."))


def first_sheet_path(archive: zipfile.ZipFile, index: int = 0) -> str:
    """The part name of the workbook's first sheet (or the one at ``index``: a workbook of two
    related sheets), through xl/workbook.xml and its relationships."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))  # noqa: S314 - in the child
    sheets = [e for e in workbook.iter() if e.tag.endswith("}sheet")]
    if index >= len(sheets):
        raise SheetError(
            _("Bảng tính chỉ có %(count)s trang; thiếu trang thứ %(n)s. Hãy dùng tệp mẫu.")
            % {"count": len(sheets), "n": index + 1}
        )
    first = sheets[index]
    rel_id = first.get(f"{_REL_NS}id")
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
    target = next(r.get("Target", "") for r in rels if r.get("Id") == rel_id)
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def parse_first_sheet(data: bytes, limits: SheetLimits, index: int = 0) -> list[list[Any]]:
    """(In the child.) The first sheet's rows from A1 (or the sheet's at ``index``), or
    ``SheetError``/``UploadRefused``."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            check_zip(archive, what=_("bảng tính"))
            with archive.open(first_sheet_path(archive, index)) as part:
                declared = _DIMENSION.search(part.read(4096))
    except (UploadRefused, SheetError):
        raise
    except (*_BROKEN, StopIteration) as exc:
        raise _unreadable() from exc
    if declared:
        problem = limits.extent_problem(
            int(declared.group(2)), column_number(declared.group(1).decode()), declared=True
        )
        if problem:
            raise SheetError(problem)
    try:
        sheet = CalamineWorkbook.from_filelike(BytesIO(data)).get_sheet_by_index(index)
        end = sheet.end
        if end is not None:
            problem = limits.extent_problem(end[0] + 1, end[1] + 1)
            if problem:
                raise SheetError(problem)
        rows: list[list[Any]] = sheet.to_python(skip_empty_area=False)
    except (CalamineError, OSError, ValueError, IndexError) as exc:
        raise _unreadable() from exc
    except BaseException as exc:
        if type(exc).__name__ == "PanicException":  # pyo3: a panic inside calamine
            raise _unreadable() from None
        raise
    return _checked(rows)


def _checked(rows: list[list[Any]]) -> list[list[Any]]:
    """Trailing empty cells left out (they read as None anyway); no text longer than Excel's."""
    for number_, row in enumerate(rows, start=1):
        while row and row[-1] == "":
            row.pop()
        for value in row:
            if type(value) is str and len(value) > MAX_CELL_CHARS:
                raise SheetError(
                    _(
                        "Dòng %(row)s có một ô dài %(length)s ký tự: vượt giới hạn %(limit)s ký "
                        "tự của một ô Excel."
                    )
                    % {
                        "row": number(number_),
                        "length": number(len(value)),
                        "limit": number(MAX_CELL_CHARS),
                    }
                )
    return rows


def farthest_cell_problem(data: bytes, limits: SheetLimits, index: int = 0) -> str | None:
    """(In the child.) When reading failed: the farthest cell reference in the sheet's XML, as
    a message if it is beyond the limits. Regular expressions over the inflated XML in 1 MiB
    chunks: linear, and ``zipfile`` never inflates past the declared size."""
    max_row = max_column = 0
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            check_zip(archive, what=_("bảng tính"))
            with archive.open(first_sheet_path(archive, index)) as sheet:
                tail = b""
                while chunk := sheet.read(_CHUNK):
                    text = tail + chunk
                    cut = max(0, text.rfind(b"<"))
                    for match in _REFERENCE.finditer(text, 0, cut):
                        letters, digits = match.groups()
                        max_row = max(max_row, int(digits[:9]))
                        if letters:
                            max_column = max(max_column, column_number(letters[:4].decode()))
                    tail = text[cut:]
    except (*_BROKEN, StopIteration, SheetError):
        return None
    return limits.extent_problem(max_row, max_column) if max_row else None


def count_rows(data: bytes) -> int:
    """(In the child.) Rows below the header: the declared size, else the ``<row`` elements."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            check_zip(archive, what=_("bảng tính"))
            with archive.open(first_sheet_path(archive)) as sheet:
                chunk = sheet.read(_CHUNK)
                declared = _DIMENSION_ROW.search(chunk[:4096])
                if declared:
                    return max(0, int(declared.group(1)) - 1)
                rows, tail = 0, b""
                while chunk:  # a match cannot lie inside ``tail`` alone (shorter than "<row ")
                    text = tail + chunk
                    rows += text.count(b"<row ")
                    tail, chunk = text[-4:], sheet.read(_CHUNK)
                return max(0, rows - 1)
    except (*_BROKEN, StopIteration):
        return 0
