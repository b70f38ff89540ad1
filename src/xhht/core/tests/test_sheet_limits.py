"""Every importer reads through ``core.sheets``: a workbook beyond the limits is refused with a
message naming the limit, and reading it never takes the test process (the web process) down.

Before the limits, the first test aborted the whole pytest run: calamine asked for 512 GiB."""

from __future__ import annotations

import io
import time

import pytest
from django.test import override_settings

from xhht.core.sheets import SheetError, count_rows, iter_sheet, read_sheet, sheet_bytes
from xhht.core.tests.hostile import far_cell_xlsx, inline, shared_string_bomb_xlsx, xlsx

COLUMNS = [("name", "Tên thôn")]


def _read(data: bytes) -> list[tuple[int, object]]:
    return [(n, r) for n, r in iter_sheet(io.BytesIO(data), COLUMNS)]


def test_a_cell_at_xfd1048576_is_refused_naming_the_cell_and_the_limits() -> None:
    started = time.monotonic()
    with pytest.raises(SheetError) as refused:
        _read(far_cell_xlsx())
    assert str(refused.value).startswith(
        "Bảng tính có ô ở cột XFD, dòng 1.048.576: vượt giới hạn 200 cột và 200.000 dòng."
    )
    assert time.monotonic() - started < 10


def test_a_far_cell_alone_is_refused_the_same_way() -> None:
    alone = xlsx(f'<row r="1048576">{inline("XFD1048576", "x")}</row>')
    with pytest.raises(SheetError, match=r"có ô ở cột XFD, dòng 1.048.576"):
        _read(alone)


def test_a_declared_size_beyond_the_limits_is_refused_before_reading() -> None:
    declared = xlsx(f'<row r="1">{inline("A1", "Tên thôn")}</row>', dimension="A1:XFD1048576")
    with pytest.raises(SheetError, match=r"khai báo vùng dữ liệu đến cột XFD, dòng 1.048.576"):
        _read(declared)


@override_settings(XHHT_MAX_SHEET_COLUMNS=5)
def test_a_cell_beyond_the_column_limit_is_refused() -> None:
    wide = xlsx(f'<row r="1">{inline("A1", "Tên thôn")}{inline("F1", "thừa")}</row>')
    with pytest.raises(SheetError, match=r"cột F, dòng 1: vượt giới hạn 5 cột"):
        _read(wide)


@override_settings(XHHT_MAX_SHEET_ROWS=3)
def test_rows_beyond_the_row_limit_are_refused_and_the_header_does_not_count() -> None:
    _read(sheet_bytes("Thôn", ["Tên thôn"], [["a"], ["b"], ["c"]]))
    with pytest.raises(SheetError, match=r"dòng 5: vượt giới hạn .* và 3 dòng"):
        _read(sheet_bytes("Thôn", ["Tên thôn"], [["a"], ["b"], ["c"], ["d"]]))


@override_settings(XHHT_MAX_SHEET_ROWS=10_000_000, XHHT_MAX_SHEET_COLUMNS=200)
def test_a_sheet_of_more_cells_than_the_limit_is_refused() -> None:
    corner = xlsx(
        f'<row r="1">{inline("A1", "Tên thôn")}</row><row r="30000">{inline("GR30000", "x")}</row>'
    )
    with pytest.raises(SheetError, match=r"30.000 dòng × 200 cột = 6.000.000 ô: vượt giới hạn"):
        _read(corner)


def test_a_shared_string_bomb_is_refused_by_its_size() -> None:
    with pytest.raises(SheetError, match=r"nén gấp"):
        _read(shared_string_bomb_xlsx(12))


def test_a_cell_longer_than_excel_allows_is_refused_with_its_row() -> None:
    long = xlsx(
        f'<row r="1">{inline("A1", "Tên thôn")}</row><row r="2">{inline("A2", "x" * 40_000)}</row>'
    )
    with pytest.raises(SheetError, match=r"Dòng 2 có một ô dài 40.000 ký tự"):
        _read(long)


def test_a_broken_workbook_is_refused_as_unreadable() -> None:
    with pytest.raises(SheetError, match=r"Không đọc được tệp XLSX"):
        _read(b"PK\x03\x04" + b"\x00" * 100)


def test_an_ordinary_sheet_still_reads_with_its_row_numbers_and_blanks() -> None:
    data = sheet_bytes("Thôn", ["Tên thôn", "Ghi chú"], [["Thôn 1", ""], ["", ""], ["Thôn 3", "x"]])
    sheet = read_sheet(io.BytesIO(data), COLUMNS)
    assert sheet.rows == [(2, {"name": "Thôn 1"}), (4, {"name": "Thôn 3"})]
    assert sheet.blank_rows == [3]


def test_counting_the_rows_of_a_hostile_file_never_fails() -> None:
    assert count_rows(io.BytesIO(far_cell_xlsx())) >= 0
    assert count_rows(io.BytesIO(b"PK\x03\x04 not a zip")) == 0
