"""Criteria and their items: add, change, move up or down, remove."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from xhht.criteria.definition import ITEM_KINDS, DefinitionError
from xhht.criteria.edits._base import (
    Data,
    Direction,
    Find,
    _clean,
    _criterion,
    _edit,
    _item,
    _moving,
    _removing,
    _row,
)
from xhht.criteria.models import CriteriaSet
from xhht.criteria.serialize import plain_number

if TYPE_CHECKING:
    from xhht.accounts.models import User

# -- criteria --------------------------------------------------------------------------------------


def add_criterion(
    *,
    user: User | None,
    criteria_set: CriteriaSet,
    code: str,
    name: str,
    max_points: Decimal | None = None,
    min_points: Decimal | None = None,
    reason: str = "",
) -> CriteriaSet:
    """A new criterion at the end, without items yet (the set is incomplete until it has some)."""

    def change(data: Data) -> None:
        data["criteria"].append(
            {
                "code": _clean(code),
                "name": _clean(name),
                "max_points": plain_number(max_points),
                "min_points": plain_number(min_points),
                "source": "",
                "items": [],
            }
        )

    return _edit(
        user=user,
        criteria_set=criteria_set,
        step="criterion_add",
        change=change,
        after={"code": code, "name": name},
        reason=reason,
    )


def update_criterion(
    *,
    user: User | None,
    criteria_set: CriteriaSet,
    criterion_code: str,
    code: str,
    name: str,
    max_points: Decimal | None,
    min_points: Decimal | None,
    items_incomplete: bool = False,
    reason: str = "",
) -> CriteriaSet:
    """Code, name, maximum (empty: the sum of its items), minimum to reach, and whether the
    source shows items still missing from the list."""

    def change(data: Data) -> None:
        criterion = _criterion(data, criterion_code)
        criterion.update(
            code=_clean(code),
            name=_clean(name),
            max_points=plain_number(max_points),
            min_points=plain_number(min_points),
        )
        if items_incomplete:
            criterion["items_incomplete"] = True
        else:
            criterion.pop("items_incomplete", None)

    return _edit(
        user=user,
        criteria_set=criteria_set,
        step="criterion_update",
        change=change,
        after={
            "criterion": criterion_code,
            "code": code,
            "name": name,
            "max_points": plain_number(max_points),
            "min_points": plain_number(min_points),
        },
        reason=reason,
    )


def move_criterion(
    *,
    user: User | None,
    criteria_set: CriteriaSet,
    criterion_code: str,
    direction: Direction,
    reason: str = "",
) -> CriteriaSet:
    return _edit(
        user=user,
        criteria_set=criteria_set,
        step="criterion_move",
        change=_moving(
            _criterion_row(criterion_code),
            direction,
            criterion_code,
            first=_("Tiêu chí %(code)s đã ở đầu danh sách."),
            last=_("Tiêu chí %(code)s đã ở cuối danh sách."),
        ),
        after={"criterion": criterion_code, "direction": direction},
        reason=reason,
    )


def remove_criterion(
    *, user: User | None, criteria_set: CriteriaSet, criterion_code: str, reason: str = ""
) -> CriteriaSet:
    """Remove a criterion with its items."""

    return _edit(
        user=user,
        criteria_set=criteria_set,
        step="criterion_remove",
        change=_removing(_criterion_row(criterion_code)),
        after={"criterion": criterion_code},
        reason=reason,
    )


def _criterion_row(code: str) -> Find:
    return lambda data: _row(data["criteria"], "code", code, _criterion_missing(code))


def _criterion_missing(code: str) -> str:
    return _("Không tìm thấy tiêu chí “%(code)s”; hãy tải lại trang.") % {"code": code}


# -- items -----------------------------------------------------------------------------------------


def _item_data(
    *,
    code: str,
    text: str,
    kind: str,
    max_points: Decimal | None,
    evidence_hint: str,
    applies_to: Sequence[str],
    old: Data | None = None,
) -> Data:
    if kind not in ITEM_KINDS:
        raise DefinitionError(
            [
                _("Loại chỉ báo phải là “chấm điểm” hoặc “đạt/không đạt”.")
            ]  # a form offers only these
        )
    text = _clean(text)
    old = old or {}
    # A changed text is the province's own: it no longer matches the source it was read from.
    confirmed = bool(old.get("confirmed")) and old.get("text") == text
    data: Data = {
        "code": _clean(code),
        "text": text,
        "kind": kind,
        "evidence_hint": _clean(evidence_hint),
        "applies_to": [_clean(g) for g in applies_to if g.strip()],
        "source": old.get("source", ""),
        "confirmed": confirmed,
    }
    if kind == "points":
        data["max_points"] = plain_number(max_points)
    return data


def add_item(
    *,
    user: User | None,
    criteria_set: CriteriaSet,
    criterion_code: str,
    code: str,
    text: str,
    kind: str = "points",
    max_points: Decimal | None = None,
    evidence_hint: str = "",
    applies_to: Sequence[str] = (),
    reason: str = "",
) -> CriteriaSet:
    """A new item at the end of a criterion. ``kind``: "points" or "pass_fail" (no points);
    ``applies_to``: group codes (empty: every subject)."""
    item = _item_data(
        code=code,
        text=text,
        kind=kind,
        max_points=max_points,
        evidence_hint=evidence_hint,
        applies_to=applies_to,
    )

    def change(data: Data) -> None:
        _criterion(data, criterion_code).setdefault("items", []).append(item)

    return _edit(
        user=user,
        criteria_set=criteria_set,
        step="item_add",
        change=change,
        after={"criterion": criterion_code, **item},
        reason=reason,
    )


def update_item(
    *,
    user: User | None,
    criteria_set: CriteriaSet,
    item_code: str,
    code: str,
    text: str,
    kind: str,
    max_points: Decimal | None,
    evidence_hint: str = "",
    applies_to: Sequence[str] = (),
    reason: str = "",
) -> CriteriaSet:
    def change(data: Data) -> None:
        items, index = _item(data, item_code)
        items[index] = _item_data(
            code=code,
            text=text,
            kind=kind,
            max_points=max_points,
            evidence_hint=evidence_hint,
            applies_to=applies_to,
            old=items[index],
        )

    return _edit(
        user=user,
        criteria_set=criteria_set,
        step="item_update",
        change=change,
        after={
            "item": item_code,
            "code": code,
            "kind": kind,
            "max_points": plain_number(max_points),
        },
        reason=reason,
    )


def move_item(
    *,
    user: User | None,
    criteria_set: CriteriaSet,
    item_code: str,
    direction: Direction,
    reason: str = "",
) -> CriteriaSet:
    """Up or down within its criterion."""

    return _edit(
        user=user,
        criteria_set=criteria_set,
        step="item_move",
        change=_moving(
            lambda data: _item(data, item_code),
            direction,
            item_code,
            first=_("Chỉ báo %(code)s đã ở đầu tiêu chí."),
            last=_("Chỉ báo %(code)s đã ở cuối tiêu chí."),
        ),
        after={"item": item_code, "direction": direction},
        reason=reason,
    )


def remove_item(
    *, user: User | None, criteria_set: CriteriaSet, item_code: str, reason: str = ""
) -> CriteriaSet:
    return _edit(
        user=user,
        criteria_set=criteria_set,
        step="item_remove",
        change=_removing(lambda data: _item(data, item_code)),
        after={"item": item_code},
        reason=reason,
    )
