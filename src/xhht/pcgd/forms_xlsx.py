"""The commune's statistical tables (biểu thống kê) as XLSX: PCGD mầm non 5 tuổi, tiểu học,
THCS and xóa mù chữ, one row per hamlet and the commune's total, then each standard's rates
against its thresholds and the level reached, a note on where the columns come from, and the
signatures.

The names and codes of the forms are those of the national PCGD–XMC system's 13 forms of 2025
(../shared/research/real-templates.md §1: names CONFIRMED, columns NOT READ); "MN-02" is the code
of the preschool file in the same set, whose title was not listed. The columns are designed from
Nghị định 20/2014/NĐ-CP (the cohorts of each standard: total, reached, rate) and the layout of a
community reconstruction of the forms (§2: hamlet rows, a column-number row, "Cộng", "NGƯỜI LẬP
BIỂU", "TM. BAN CHỈ ĐẠO …"); each sheet says so in its note cell and docs/PCGD.md repeats it.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import xlsxwriter  # type: ignore[import-untyped]  # XlsxWriter ships no type information

from xhht.pcgd import engine
from xhht.pcgd.models import Cohort, Family, school_year_label
from xhht.pcgd.reports import CommuneFigures, rate_of
from xhht.places.models import Place

NOTE = (
    "Ghi chú: tên và mã biểu theo danh mục 13 biểu năm 2025 của Hệ thống thông tin điện tử quản "
    "lý phổ cập giáo dục, xóa mù chữ; các cột của biểu chính thức chưa được đối chiếu — các cột "
    "của biểu này do XHHT thiết kế theo Nghị định số 20/2014/NĐ-CP (đối tượng, số đạt, tỷ lệ của "
    "từng tiêu chuẩn). Tỷ lệ tối thiểu “chưa có ngưỡng” là ngưỡng chưa tìm thấy trong văn bản, "
    "do tỉnh nhập."
)
NO_THRESHOLD = "chưa có ngưỡng — do tỉnh nhập"
OUTSIDE_HAMLETS = "Không thuộc thôn, tổ dân phố"
TOTAL = "Cộng"
SUBHEADERS = ("Tổng số", "Số đạt", "Tỷ lệ (%)")


@dataclass(frozen=True)
class FormSpec:
    slug: str
    code: str
    title: str
    family: str
    #: The cohorts whose total, reached and rate the hamlet rows show, in column order.
    cohorts: Sequence[str]


C = Cohort
FORMS: dict[str, FormSpec] = {
    spec.slug: spec
    for spec in (
        FormSpec(
            "mn",
            "MN-02",
            "THỐNG KÊ KẾT QUẢ PHỔ CẬP GIÁO DỤC MẦM NON CHO TRẺ EM 5 TUỔI",
            Family.PCGD_MN,
            (C.MN5_ATTENDING, C.MN5_COMPLETED),
        ),
        FormSpec(
            "th",
            "TH-02",
            "THỐNG KÊ KẾT QUẢ PHỔ CẬP GIÁO DỤC TIỂU HỌC",
            Family.PCGD_TH,
            (C.TH_GRADE1_6, C.TH_COMPLETED_11, C.TH_11_IN_PRIMARY, C.TH_COMPLETED_11_14),
        ),
        FormSpec(
            "thcs",
            "THCS-TK",
            "THỐNG KÊ KẾT QUẢ PHỔ CẬP GIÁO DỤC TRUNG HỌC CƠ SỞ",
            Family.PCGD_THCS,
            (C.THCS_DIPLOMA_15_18, C.THCS_STUDYING_15_18),
        ),
        FormSpec(
            "xmc",
            "XMC-4",
            "THỐNG KÊ ĐẠT CHUẨN XÓA MÙ CHỮ",
            Family.XMC,
            (C.LITERATE1_15_25, C.LITERATE1_15_35, C.LITERATE2_15_35, C.LITERATE2_15_60),
        ),
    )
}
#: Rows above the hamlets: issuer/code, title, place and time, group headers, subheaders,
#: column numbers.
FIRST_DATA_ROW = 6


def _percent(value: Any) -> float | str:
    return float(value) if value is not None else ""


@dataclass(frozen=True)
class PlaceRow:
    name: str
    figures: Mapping[str, tuple[int, int]]


def hamlet_rows(commune: Place, school_year: int) -> list[PlaceRow]:
    """One row per current hamlet (tree order), then the people registered at the commune
    itself when there are any."""
    by_place = engine.figures_by_place(commune, school_year)
    hamlets = Place.objects.filter(parent=commune).current().order_by("sort_key")
    rows = [
        PlaceRow(
            hamlet.name,
            {c: (f.numerator, f.denominator) for c, f in by_place.get(hamlet.pk, {}).items()},
        )
        for hamlet in hamlets
    ]
    own = by_place.get(commune.pk)
    if own and any(f.denominator for f in own.values()):
        rows.append(
            PlaceRow(OUTSIDE_HAMLETS, {c: (f.numerator, f.denominator) for c, f in own.items()})
        )
    return rows


class _Formats:
    def __init__(self, workbook: Any) -> None:
        add = workbook.add_format
        self.bold = add({"bold": True})
        self.title = add({"bold": True, "font_size": 14, "align": "center"})
        self.center = add({"align": "center", "italic": True})
        self.header = add(
            {
                "bold": True,
                "text_wrap": True,
                "align": "center",
                "valign": "vcenter",
                "border": 1,
                "bg_color": "#E8EEF4",
            }
        )
        self.code = add({"italic": True, "align": "center", "border": 1})
        self.cell = add({"border": 1})
        self.integer = add({"border": 1, "num_format": "#,##0"})
        self.rate = add({"border": 1, "num_format": "0.00"})
        self.total = add({"border": 1, "bold": True})
        self.total_integer = add({"border": 1, "bold": True, "num_format": "#,##0"})
        self.total_rate = add({"border": 1, "bold": True, "num_format": "0.00"})
        self.note = add({"italic": True, "text_wrap": True, "valign": "top"})


def write_form(
    workbook: Any,
    formats: _Formats,
    spec: FormSpec,
    figures: CommuneFigures,
    rows: Sequence[PlaceRow],
    today: datetime.date,
) -> None:
    sheet = workbook.add_worksheet(spec.code)
    width = 2 + 3 * len(spec.cohorts)
    sheet.set_column(0, 0, 5)
    sheet.set_column(1, 1, 28)
    sheet.set_column(2, width - 1, 11)
    sheet.write_string(0, 0, f"ỦY BAN NHÂN DÂN {figures.commune.name.upper()}", formats.bold)
    sheet.write_string(0, width - 1, f"Biểu {spec.code}", formats.bold)
    sheet.merge_range(1, 0, 1, width - 1, spec.title, formats.title)
    sheet.merge_range(
        2,
        0,
        2,
        width - 1,
        f"{figures.commune.name} — Năm học {school_year_label(figures.school_year)} — "
        f"Thời điểm: ngày {today:%d/%m/%Y}",
        formats.center,
    )
    sheet.merge_range(3, 0, 4, 0, "TT", formats.header)
    sheet.merge_range(3, 1, 4, 1, "Thôn, tổ dân phố", formats.header)
    for index, cohort in enumerate(spec.cohorts):
        first = 2 + 3 * index
        sheet.merge_range(3, first, 3, first + 2, str(Cohort(cohort).label), formats.header)
        for offset, subheader in enumerate(SUBHEADERS):
            sheet.write_string(4, first + offset, subheader, formats.header)
    sheet.set_row(3, 45)
    for column in range(width):
        sheet.write_number(5, column, column + 1, formats.code)
    row = FIRST_DATA_ROW
    for number, place in enumerate(rows, start=1):
        sheet.write_number(row, 0, number, formats.cell)
        sheet.write_string(row, 1, place.name, formats.cell)
        _figures(sheet, row, spec, place.figures, formats.integer, formats.rate)
        row += 1
    sheet.write_string(row, 0, "", formats.total)
    sheet.write_string(row, 1, TOTAL, formats.total)
    _figures(sheet, row, spec, figures.cohorts, formats.total_integer, formats.total_rate)
    row += 2
    row = _standards(sheet, row, spec, figures, formats)
    sheet.merge_range(row + 1, 0, row + 4, width - 1, NOTE, formats.note)
    row += 6
    sheet.write_string(row, 1, "NGƯỜI LẬP BIỂU", formats.bold)
    sheet.write_string(
        row, max(width - 4, 2), "TM. BAN CHỈ ĐẠO PHỔ CẬP GIÁO DỤC, XÓA MÙ CHỮ", formats.bold
    )
    sheet.write_string(row + 1, max(width - 4, 2), "TRƯỞNG BAN", formats.bold)
    sheet.freeze_panes(FIRST_DATA_ROW, 2)
    # Printed as the paper form: A4 landscape, every column on one page's width.
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)


def _figures(
    sheet: Any,
    row: int,
    spec: FormSpec,
    values: Mapping[str, tuple[int, int]],
    integer: Any,
    rate: Any,
) -> None:
    for index, cohort in enumerate(spec.cohorts):
        numerator, denominator = values.get(cohort, (0, 0))
        first = 2 + 3 * index
        sheet.write_number(row, first, denominator, integer)
        sheet.write_number(row, first + 1, numerator, integer)
        sheet.write(row, first + 2, _percent(rate_of(numerator, denominator)), rate)


def _standards(
    sheet: Any, row: int, spec: FormSpec, figures: CommuneFigures, formats: _Formats
) -> int:
    """The family's standards: each rate against its threshold, then the level reached."""
    sheet.write_string(row, 1, "KẾT QUẢ ĐẠT CHUẨN", formats.bold)
    row += 1
    headers = ("Chuẩn", "Đối tượng", "Tỷ lệ (%)", "Tỷ lệ tối thiểu (%)", "Kết quả")
    for column, header in enumerate(headers, start=1):
        sheet.write_string(row, column, header, formats.header)
    row += 1
    family = next(f for f in figures.families() if f.family == spec.family)
    for standard in family.standards:
        for index, line in enumerate(standard.lines):
            sheet.write_string(row, 1, standard.label if index == 0 else "", formats.cell)
            sheet.write_string(row, 2, line.label, formats.cell)
            sheet.write(row, 3, _percent(line.rate), formats.rate)
            if line.threshold is None:
                sheet.write_string(row, 4, NO_THRESHOLD, formats.cell)
            else:
                sheet.write_number(row, 4, float(line.threshold), formats.rate)
            sheet.write_string(
                row, 5, {True: "Đạt", False: "Chưa đạt", None: "—"}[line.met], formats.cell
            )
            row += 1
    level = f"Mức độ {family.level}" if family.level else "Chưa đạt"
    sheet.write_string(row, 1, "Mức đạt", formats.bold)
    sheet.write_string(row, 2, level, formats.bold)
    return row + 1


def forms_workbook(figures: CommuneFigures, slugs: Sequence[str], *, today: datetime.date) -> bytes:
    """The forms ``slugs`` (``FORMS`` keys), a sheet each, of one commune and school year."""
    rows = hamlet_rows(figures.commune, figures.school_year)
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False},
    )
    formats = _Formats(workbook)
    for slug in slugs:
        write_form(workbook, formats, FORMS[slug], figures, rows, today)
    workbook.close()
    return buffer.getvalue()
