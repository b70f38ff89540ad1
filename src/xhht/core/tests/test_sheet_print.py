"""Written sheets print on A4 with every column on one page's width (a PCGD list used to come
out of LibreOffice with its columns split over three portrait pages), landscape when wide."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from xhht.core.sheet_writing import FIT_WIDTH, PORTRAIT_WIDTH, Column, Sheet, workbook_bytes


def _setup(columns: list[Column]) -> tuple[str | None, int | None, bool, int | None]:
    data = workbook_bytes([Sheet("Danh sách", columns, [["x"] * len(columns)], title="Tiêu đề")])
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    setup = sheet.page_setup
    return (
        setup.orientation,
        int(setup.paperSize) if setup.paperSize is not None else None,
        bool(sheet.sheet_properties.pageSetUpPr and sheet.sheet_properties.pageSetUpPr.fitToPage),
        setup.fitToHeight,
    )


def test_a_narrow_list_prints_portrait_on_one_page_width() -> None:
    orientation, paper, fit, height = _setup([Column("TT", 5), Column("Họ và tên", 30)])
    assert (paper, fit, height) == (9, True, 0)
    assert orientation != "landscape"


def test_a_list_wider_than_a_portrait_page_prints_landscape_on_one_page_width() -> None:
    columns = [Column(f"Cột {n}", 20) for n in range(PORTRAIT_WIDTH // 20 + 1)]
    assert _setup(columns) == ("landscape", 9, True, 0)


def test_a_very_wide_sheet_is_not_shrunk_unreadably() -> None:
    columns = [Column(f"Cột {n}", 20) for n in range(FIT_WIDTH // 20 + 1)]
    orientation, _, fit, _ = _setup(columns)
    assert orientation == "landscape" and not fit


def test_a_header_wrapped_in_a_narrow_column_gets_the_height_of_its_lines() -> None:
    """LibreOffice kept the wrapped header one line high: "Hội viên cuối năm" in a 14-wide
    column ran over the first data row of the association's figures."""
    columns = [Column("Chi hội, hội", 40), Column("Ra khỏi hội trong năm", 14)]
    data = workbook_bytes([Sheet("Số liệu", columns, [["x", 1]], title="Tiêu đề")])
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    assert sheet.row_dimensions[2].height == 30  # the header, under the title
    short = workbook_bytes([Sheet("Số liệu", [Column("TT", 5)], [[1]])])
    sheet = load_workbook(io.BytesIO(short)).active
    assert sheet is not None and sheet.row_dimensions[1].height is None
