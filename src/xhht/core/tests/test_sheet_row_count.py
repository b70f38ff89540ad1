"""``count_rows`` gives the import's progress bar its total without reading the sheet."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook

from xhht.core.sheets import count_rows, sheet_bytes


def test_a_streamed_workbook_without_a_declared_size_is_counted_by_its_rows() -> None:
    content = sheet_bytes("Du lieu", ["Mã hộ", "Họ và tên"], ([f"H{i}", "An"] for i in range(2500)))
    assert count_rows(BytesIO(content)) == 2500


def test_a_workbook_that_declares_its_size_is_counted_from_the_declaration() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for i in range(58):
        sheet.append([i, "row"])
    buffer = BytesIO()
    workbook.save(buffer)
    assert count_rows(buffer) == 57
    assert buffer.tell() == 0  # left at the start for the reader


def test_something_that_is_not_a_workbook_counts_nothing() -> None:
    assert count_rows(BytesIO(b"PK\x03\x04 not really a zip")) == 0
    assert count_rows(BytesIO(b"hello")) == 0
