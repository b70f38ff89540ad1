"""How the registry's sheets look: the columns of each import template and export with their
widths, number formats and dropdowns (the labels the importers accept), the sheet names and
the file names. The importers read the header by its titles, so the columns here are the
importers' own ``COLUMNS`` titles."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xhht.core.sheets import INTEGER, Column
from xhht.places.models import Place
from xhht.registry.imports import clans, households, units

YES_NO = ("Có", "Không")

#: Width (characters) of the columns that hold names and addresses.
_WIDE = {
    "Họ và tên": 26,
    "Chủ hộ": 26,
    "Địa chỉ": 30,
    "Tên đơn vị": 32,
    "Tên dòng họ": 24,
    "Thôn/tổ dân phố": 20,
    "Địa bàn": 22,
    "Xã đăng ký": 22,
    "Người đại diện": 24,
    "Mã hộ thành viên": 30,
    "Số CCCD": 16,
    "CCCD người đại diện": 18,
    "Ngày sinh hoặc năm sinh": 14,
    # a household code ("31567-001-0004") and the longest labels ("Doanh nhân, quản lý doanh nghiệp")
    "Mã hộ": 16,
    "Trình độ học vấn": 22,
    "Nhóm nghề nghiệp": 32,
}

#: The dropdown of each choice column of the import templates (what the importer accepts).
CHOICES: dict[str, dict[str, Sequence[str]]] = {
    "household": {
        "relation": households.RELATION.labels,
        "sex": households.SEX.labels,
        "education": households.EDUCATION.labels,
        "occupation": households.OCCUPATION.labels,
    },
    "unit": {
        "kind": units.KIND.labels,
        "school_level": units.SCHOOL_LEVEL.labels,
        "level": units.LEVEL.labels,
        "digital_learning": YES_NO,
    },
    "clan": {},
}
_COLUMNS = {"household": households.COLUMNS, "unit": units.COLUMNS, "clan": clans.COLUMNS}
_NUMBERS = {"staff_count", "households_count"}

#: Sheet and file names of each registry's export.
EXPORT_SHEETS = {
    "household": gettext_lazy("Hộ gia đình"),
    "person": gettext_lazy("Công dân"),
    "clan": gettext_lazy("Dòng họ"),
    "unit": gettext_lazy("Đơn vị"),
}
EXPORT_TITLES = {
    "household": gettext_lazy("Danh sách hộ gia đình"),
    "person": gettext_lazy("Danh sách công dân"),
    "clan": gettext_lazy("Danh sách dòng họ"),
    "unit": gettext_lazy("Danh sách đơn vị"),
}
EXPORT_FILES = {
    "household": "danh-sach-ho-gia-dinh",
    "person": "danh-sach-cong-dan",
    "clan": "danh-sach-dong-ho",
    "unit": "danh-sach-don-vi",
}
TEMPLATE_FILES = {
    "household": "mau-nhap-ho-gia-dinh",
    "unit": "mau-nhap-don-vi",
    "clan": "mau-nhap-dong-ho",
}


def column(title: str, *, number_format: str = "", choices: Sequence[str] = ()) -> Column:
    return Column(
        title, width=_WIDE.get(title, 0), number_format=number_format, choices=tuple(choices)
    )


def template_columns(kind: str) -> list[Column]:
    """The import template's columns: the importer's titles, with the dropdowns it accepts."""
    choices = CHOICES[kind]
    return [
        column(
            title,
            number_format=INTEGER if key in _NUMBERS else "",
            choices=choices.get(key, ()),
        )
        for key, title in _COLUMNS[kind]
    ]


def export_columns(kind: str, titles: Sequence[str]) -> list[Column]:
    """An export's columns: counts as grouped whole numbers, names and addresses wide."""
    counts = {"Số thành viên", "Số hộ thành viên", "Số CB, CC, VC, NLĐ"}
    return [column(t, number_format=INTEGER if t in counts else "") for t in titles]


def sheet_title(what: str, place: Place | None) -> str:
    """The title row: what, where and when ("Danh sách hộ gia đình — Phường Cái Khế — ngày
    30/11/2026")."""
    where = f" — {place.name}" if place is not None else ""
    return _("%(what)s%(where)s — ngày %(day)s") % {
        "what": what,
        "where": where,
        "day": timezone.localdate().strftime("%d/%m/%Y"),
    }
