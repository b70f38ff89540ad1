"""Subject groups (nhóm đối tượng) and grade bands (xếp loại)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from xhht.criteria.definition import DefinitionError
from xhht.criteria.edits._base import Data, _clean, _edit, _index, _removing, _row
from xhht.criteria.models import CriteriaSet
from xhht.criteria.serialize import plain_number

if TYPE_CHECKING:
    from xhht.accounts.models import User

# -- subject groups --------------------------------------------------------------------------------


def add_group(
    *, user: User | None, criteria_set: CriteriaSet, code: str, name: str, reason: str = ""
) -> CriteriaSet:
    """A subject group (nhóm đối tượng): the subject chooses one; items may apply to some only."""

    def change(data: Data) -> None:
        data["groups"].append({"code": _clean(code), "name": _clean(name)})

    return _edit(
        user=user,
        criteria_set=criteria_set,
        step="group_add",
        change=change,
        after={"code": code, "name": name},
        reason=reason,
    )


def update_group(
    *,
    user: User | None,
    criteria_set: CriteriaSet,
    group_code: str,
    code: str,
    name: str,
    reason: str = "",
) -> CriteriaSet:
    """Rename a group; a new code is carried into the items that apply to it."""
    new_code = _clean(code)

    def change(data: Data) -> None:
        groups = data["groups"]
        index = _index(groups, "code", group_code, _missing_group(group_code))
        groups[index] = {"code": new_code, "name": _clean(name)}
        for criterion in data["criteria"]:
            for item in criterion.get("items") or []:
                applies = item.get("applies_to") or []
                item["applies_to"] = [new_code if g == group_code else g for g in applies]

    return _edit(
        user=user,
        criteria_set=criteria_set,
        step="group_update",
        change=change,
        after={"group": group_code, "code": new_code, "name": name},
        reason=reason,
    )


def remove_group(
    *, user: User | None, criteria_set: CriteriaSet, group_code: str, reason: str = ""
) -> CriteriaSet:
    """Remove a group no item applies to only (an item would otherwise apply to everyone)."""

    def change(data: Data) -> None:
        groups = data["groups"]
        index = _index(groups, "code", group_code, _missing_group(group_code))
        users = [
            str(item.get("code"))
            for criterion in data["criteria"]
            for item in criterion.get("items") or []
            if group_code in (item.get("applies_to") or [])
        ]
        if users:
            raise DefinitionError(
                [
                    _(
                        "Nhóm đối tượng “%(code)s” còn chỉ báo riêng (%(items)s); hãy bỏ nhóm khỏi các chỉ báo đó trước."
                    )
                    % {"code": group_code, "items": ", ".join(users)}
                ]
            )
        del groups[index]

    return _edit(
        user=user,
        criteria_set=criteria_set,
        step="group_remove",
        change=change,
        after={"group": group_code},
        reason=reason,
    )


def _missing_group(code: str) -> str:
    return _("Không tìm thấy nhóm đối tượng “%(code)s”; hãy tải lại trang.") % {"code": code}


# -- grade bands ---------------------------------------------------------------------------------


def _sort_bands(data: Data) -> None:
    """Bands are kept highest first; one without a minimum yet goes last."""
    data["rules"]["bands"].sort(
        key=lambda b: (b.get("min_total") is None, -Decimal(str(b.get("min_total") or 0)))
    )


def add_band(
    *,
    user: User | None,
    criteria_set: CriteriaSet,
    name: str,
    min_total: Decimal | None,
    reason: str = "",
) -> CriteriaSet:
    """A grade (xếp loại) reached from ``min_total`` points."""

    def change(data: Data) -> None:
        data["rules"]["bands"].append({"name": _clean(name), "min_total": plain_number(min_total)})
        _sort_bands(data)

    return _edit(
        user=user,
        criteria_set=criteria_set,
        step="band_add",
        change=change,
        after={"name": name, "min_total": plain_number(min_total)},
        reason=reason,
    )


def update_band(
    *,
    user: User | None,
    criteria_set: CriteriaSet,
    band_name: str,
    name: str,
    min_total: Decimal | None,
    reason: str = "",
) -> CriteriaSet:
    def change(data: Data) -> None:
        bands = data["rules"]["bands"]
        index = _index(bands, "name", band_name, _missing_band(band_name))
        bands[index] = {"name": _clean(name), "min_total": plain_number(min_total)}
        _sort_bands(data)

    return _edit(
        user=user,
        criteria_set=criteria_set,
        step="band_update",
        change=change,
        after={"band": band_name, "name": name, "min_total": plain_number(min_total)},
        reason=reason,
    )


def remove_band(
    *, user: User | None, criteria_set: CriteriaSet, band_name: str, reason: str = ""
) -> CriteriaSet:
    return _edit(
        user=user,
        criteria_set=criteria_set,
        step="band_remove",
        change=_removing(
            lambda data: _row(data["rules"]["bands"], "name", band_name, _missing_band(band_name))
        ),
        after={"band": band_name},
        reason=reason,
    )


def _missing_band(name: str) -> str:
    return _("Không tìm thấy xếp loại “%(name)s”; hãy tải lại trang.") % {"name": name}
