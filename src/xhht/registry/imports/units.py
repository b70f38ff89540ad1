"""The units workbook: one row per unit (agency, school, enterprise…), keyed by its code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from xhht.accounts.models import User
from xhht.core.sheets import iter_sheet
from xhht.core.text import fold
from xhht.places.models import Level, Place
from xhht.registry.imports.common import (
    WRITE_BATCH,
    Choices,
    ImportPlan,
    by_keys,
    chunks,
    missing,
    places_by_name,
    text,
)
from xhht.registry.models import Unit

COLUMNS = [
    ("code", "Mã đơn vị"),
    ("name", "Tên đơn vị"),
    ("kind", "Loại"),
    ("school_level", "Cấp học"),
    ("level", "Cấp quản lý"),
    ("place", "Địa bàn"),
    ("staff_count", "Số CB, CC, VC, NLĐ"),
    ("digital_learning", "Dạy, học trên môi trường số"),
]
OPTIONAL = {"school_level", "staff_count", "digital_learning"}
GUIDE = [
    ("Mã đơn vị", "Bắt buộc. Nhập lại tệp thì đơn vị có mã đã có được cập nhật, không tạo trùng."),
    ("Tên đơn vị", "Bắt buộc."),
    (
        "Loại",
        "Cơ quan, tổ chức; Trường học, cơ sở giáo dục; Doanh nghiệp; Cơ sở sản xuất, kinh doanh; Đơn vị lực lượng vũ trang; Khác.",
    ),
    (
        "Cấp học",
        "Chỉ với trường học: Mầm non, Tiểu học, Trung học cơ sở, Trung học phổ thông, Giáo dục thường xuyên, Giáo dục nghề nghiệp, Đại học, cao đẳng.",
    ),
    ("Cấp quản lý", "Cấp xã, Cấp tỉnh, Trung ương (Cấp huyện chỉ cho dữ liệu trước 1/7/2025)."),
    ("Địa bàn", "Bắt buộc. Tên (hoặc mã) xã/phường hoặc thôn/tổ dân phố nơi đơn vị đóng."),
    ("Số CB, CC, VC, NLĐ", "Số nguyên, không âm."),
    ("Dạy, học trên môi trường số", "Có hoặc Không."),
]
KIND = Choices(Unit.Kind.choices)
SCHOOL_LEVEL = Choices(Unit.SchoolLevel.choices)
LEVEL = Choices(Unit.Level.choices, ("xa", "commune"), ("tinh", "province"), ("huyen", "district"))
YES = {"co", "x", "1", "true", "yes"}
NO = {"khong", "", "0", "false", "no"}
#: More staff than any unit has; keeps a typo of 30 digits out of the 32-bit column.
MAX_STAFF = 1_000_000
FIELDS = ["name", "kind", "school_level", "level", "place_id", "staff_count", "digital_learning"]


@dataclass
class _Unit:
    row: int
    code: str
    values: dict[str, Any]
    existing: Unit | None = None


def check(
    user: User, upload: IO[bytes], root: Place, advance: Callable[[int], None]
) -> tuple[ImportPlan, Callable[[], None]]:
    """``user`` is checked by the caller against ``root``; every row lies under ``root``."""
    plan = ImportPlan()
    places = places_by_name(root, Level.PROVINCE, Level.COMMUNE, Level.HAMLET)
    rows: dict[str, _Unit] = {}
    for number, record in iter_sheet(upload, COLUMNS, optional=OPTIONAL):
        advance(number)
        if record is None:
            continue
        plan.rows += 1
        problems: list[str] = []
        code, name, place_name = text(record["code"]), text(record["name"]), text(record["place"])
        for value, what in (
            (code, _("mã đơn vị")),
            (name, _("tên đơn vị")),
            (place_name, _("địa bàn")),
        ):
            if not value:
                problems.append(missing(what))
        place = places.get(fold(place_name))
        if place_name and place is None:
            problems.append(
                _("không có địa bàn “%(name)s” trong %(root)s.")
                % {"name": place_name, "root": root.name}
            )
        kind, level = KIND.get(record["kind"]), LEVEL.get(record["level"])
        if kind is None:
            problems.append(_("loại đơn vị không hợp lệ; dùng: %(a)s.") % {"a": KIND.allowed()})
        if level is None:
            problems.append(_("cấp quản lý không hợp lệ; dùng: %(a)s.") % {"a": LEVEL.allowed()})
        school_level = (
            SCHOOL_LEVEL.get(record["school_level"]) if text(record["school_level"]) else ""
        )
        if school_level is None:
            problems.append(_("cấp học không hợp lệ; dùng: %(a)s.") % {"a": SCHOOL_LEVEL.allowed()})
        staff = text(record["staff_count"]) or "0"
        if not (staff.isascii() and staff.isdigit()):
            problems.append(_("số CB, CC, VC, NLĐ phải là số nguyên không âm."))
        elif int(staff) > MAX_STAFF:
            problems.append(_("số CB, CC, VC, NLĐ quá lớn (tối đa 1.000.000)."))
        digital = fold(text(record["digital_learning"]))
        if digital not in YES | NO:
            problems.append(_("cột “Dạy, học trên môi trường số” ghi Có hoặc Không."))
        if code in rows:
            problems.append(_("mã đơn vị trùng với dòng %(row)s.") % {"row": rows[code].row})
        if problems or place is None:
            for message in problems:
                plan.problem(number, message)
            continue
        rows[code] = _Unit(
            number,
            code,
            {
                "name": name,
                "kind": kind,
                "school_level": school_level,
                "level": level,
                "place_id": place.pk,
                "staff_count": int(staff),
                "digital_learning": digital in YES,
            },
        )
    for unit in by_keys(Unit.objects.all(), "code", rows, "place"):
        rows[unit.code].existing = unit
    for item in rows.values():
        existing = item.existing
        if existing is not None and not existing.place.path.startswith(root.path):
            plan.problem(
                item.row, _("mã đơn vị %(code)s đã được dùng ở địa bàn khác.") % {"code": item.code}
            )
        elif existing is None:
            plan.count("units", "create")
        elif all(getattr(existing, f) == item.values[f] for f in FIELDS):
            plan.count("units", "unchanged")
        else:
            plan.count("units", "update")
    return plan, lambda: _apply(rows)


def _apply(rows: dict[str, _Unit]) -> None:
    now = timezone.now()
    new: list[Unit] = []
    changed: list[Unit] = []
    for item in rows.values():
        unit = item.existing or Unit(code=item.code)
        if item.existing is not None and all(getattr(unit, f) == item.values[f] for f in FIELDS):
            continue
        for name, value in item.values.items():
            setattr(unit, name, value)
        unit.refresh_keys()
        if item.existing is None:
            new.append(unit)
        else:
            unit.updated_at = now
            changed.append(unit)
    for batch in chunks(new, WRITE_BATCH):
        Unit.objects.bulk_create(batch)
    fields = [*(f.removesuffix("_id") for f in FIELDS), "search_text", "sort_key", "updated_at"]
    for batch in chunks(changed, WRITE_BATCH):
        Unit.objects.bulk_update(batch, fields)
