"""Editing a criteria set in forms: one typed action per change, the way a province completes
its variant (derived from a national template with ``actions.derive_variant``).

Every action takes keyword arguments only, checks that the user may manage the set's criteria,
changes a copy of the stored definition, re-reads the whole set with ``parse_definition`` (a
``DefinitionError`` lists every problem in Vietnamese and nothing is saved), and saves through
``actions.revise_set``: in place while no assessment used the set, otherwise as a new version
(later edits then go to that version). It runs in one transaction and leaves an audit step.

Each returns the row that now holds the definition. ``complete`` (and so whether the set can
recognise anyone) follows from the values: the set is usable the moment nothing is missing.
Criteria, items, groups and bands are named by their code (or a band by its name), not by
position, so two people editing at once never change the wrong row.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from django.db import transaction
from django.utils.translation import gettext as _

from xhht.audit.actions import record_step
from xhht.audit.context import acting_as
from xhht.criteria.actions import require_manage, revise_set
from xhht.criteria.definition import ITEM_KINDS, DefinitionError
from xhht.criteria.models import CriteriaSet
from xhht.criteria.serialize import plain_number

if TYPE_CHECKING:
    from xhht.accounts.models import User

Direction = Literal["up", "down"]
Data = dict[str, Any]


def _edit(
    *,
    user: User | None,
    criteria_set: CriteriaSet,
    step: str,
    change: Callable[[Data], None],
    after: dict[str, Any],
    reason: str,
) -> CriteriaSet:
    with transaction.atomic(), acting_as(user, reason=reason):
        current = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
        require_manage(user, current.province)
        if current.status == CriteriaSet.Status.RETIRED or current.next_versions.exists():
            raise DefinitionError(
                [
                    _(
                        "Đây không phải phiên bản mới nhất của bộ tiêu chí; hãy sửa phiên bản mới nhất."
                    )
                ]
            )
        data = copy.deepcopy(current.definition_json)
        data.setdefault("criteria", [])
        data.setdefault("groups", [])
        rules = data.get("rules") or {}
        data["rules"] = rules
        rules.setdefault("bands", [])
        change(data)
        _derive_rules(data)
        saved = revise_set(user=user, criteria_set=current, data=data, reason=reason)
        _sync_previous(saved)
        record_step(
            actor=user,
            obj=saved,
            step=f"criteria.{step}",
            place=saved.province,
            before={"complete": current.complete},
            after={**after, "complete": saved.complete},
            reason=reason,
        )
    return saved


def _derive_rules(data: Data) -> None:
    """Pass/fail items must all be met: with forms, the rule follows from the items' kinds."""
    items = [i for c in data["criteria"] for i in c.get("items") or []]
    data["rules"]["all_items_required"] = any(i.get("kind") == "pass_fail" for i in items)


def _sync_previous(saved: CriteriaSet) -> None:
    """The version a new one replaces stays in force until the new one is complete."""
    previous = saved.previous
    if previous is None:
        return
    if saved.complete:
        wanted = CriteriaSet.Status.RETIRED
    else:
        wanted = CriteriaSet.Status.ACTIVE if previous.complete else CriteriaSet.Status.TEMPLATE
    if previous.status != wanted:
        previous.status = wanted
        previous.save(update_fields=["status", "updated_at"])


def _criterion(data: Data, code: str) -> Data:
    for criterion in data["criteria"]:
        if criterion.get("code") == code:
            found: Data = criterion
            return found
    raise DefinitionError(
        [
            _(
                "Không tìm thấy tiêu chí “%(code)s” (có thể vừa có người sửa bộ tiêu chí); hãy tải lại trang."
            )
            % {"code": code}
        ]
    )


def _item(data: Data, code: str) -> tuple[list[Data], int]:
    for criterion in data["criteria"]:
        items: list[Data] = criterion.setdefault("items", [])
        for index, item in enumerate(items):
            if item.get("code") == code:
                return items, index
    raise DefinitionError(
        [
            _(
                "Không tìm thấy chỉ báo “%(code)s” (có thể vừa có người sửa bộ tiêu chí); hãy tải lại trang."
            )
            % {"code": code}
        ]
    )


def _index(rows: list[Data], key: str, value: str, missing: str) -> int:
    for index, row in enumerate(rows):
        if row.get(key) == value:
            return index
    raise DefinitionError([missing])


def _move(rows: list[Data], index: int, direction: Direction, edge: str) -> None:
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(rows):
        raise DefinitionError([edge])
    rows[index], rows[target] = rows[target], rows[index]


def _clean(text: str) -> str:
    return " ".join(text.split())


# -- the set's name and legal basis ------------------------------------------------------------


def update_basis(
    *,
    user: User | None,
    criteria_set: CriteriaSet,
    name: str,
    legal_document: str,
    legal_issuer: str,
    legal_date: datetime.date | None,
    valid_from: datetime.date | None,
    valid_to: datetime.date | None,
    reason: str = "",
) -> CriteriaSet:
    """The set's name, the document it rests on and its validity."""

    def change(data: Data) -> None:
        data["name"] = _clean(name)
        legal = data.get("legal_basis") or {}
        legal.update(
            document=_clean(legal_document),
            issuer=_clean(legal_issuer),
            date=legal_date.isoformat() if legal_date else None,
        )
        data["legal_basis"] = legal
        data["valid_from"] = valid_from.isoformat() if valid_from else None
        data["valid_to"] = valid_to.isoformat() if valid_to else None

    return _edit(
        user=user,
        criteria_set=criteria_set,
        step="basis",
        change=change,
        after={"name": name, "legal_document": legal_document},
        reason=reason,
    )


# -- rules ---------------------------------------------------------------------------------------


def set_rules(
    *,
    user: User | None,
    criteria_set: CriteriaSet,
    pass_mark: Decimal | None,
    min_item_points: Decimal | None = None,
    max_total: Decimal | None = None,
    reason: str = "",
) -> CriteriaSet:
    """The pass mark (total to reach), the minimum of every item and the declared total.

    ``None`` means "not set" (for the pass mark: still missing, when the set is scored).
    Per-criterion minimums are set with ``update_criterion``, grades with the band actions.
    """

    def change(data: Data) -> None:
        data["rules"].update(
            pass_mark=plain_number(pass_mark),
            min_item_points=plain_number(min_item_points),
            max_total=plain_number(max_total),
        )

    return _edit(
        user=user,
        criteria_set=criteria_set,
        step="rules",
        change=change,
        after={
            "pass_mark": plain_number(pass_mark),
            "min_item_points": plain_number(min_item_points),
            "max_total": plain_number(max_total),
        },
        reason=reason,
    )


def set_points(
    *,
    user: User | None,
    criteria_set: CriteriaSet,
    item_points: Mapping[str, Decimal | None],
    reason: str = "",
) -> CriteriaSet:
    """The maximum points of several items at once ({item code: points}); one save."""

    def change(data: Data) -> None:
        for code, points in item_points.items():
            items, index = _item(data, code)
            if items[index].get("kind") == "points":
                items[index]["max_points"] = plain_number(points)

    return _edit(
        user=user,
        criteria_set=criteria_set,
        step="points",
        change=change,
        after={"points": {code: plain_number(p) for code, p in item_points.items()}},
        reason=reason,
    )


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
    def change(data: Data) -> None:
        bands = data["rules"]["bands"]
        del bands[_index(bands, "name", band_name, _missing_band(band_name))]

    return _edit(
        user=user,
        criteria_set=criteria_set,
        step="band_remove",
        change=change,
        after={"band": band_name},
        reason=reason,
    )


def _missing_band(name: str) -> str:
    return _("Không tìm thấy xếp loại “%(name)s”; hãy tải lại trang.") % {"name": name}


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
    def change(data: Data) -> None:
        rows = data["criteria"]
        missing = str(_criterion_missing(criterion_code))
        index = _index(rows, "code", criterion_code, missing)
        edge = (
            _("Tiêu chí %(code)s đã ở đầu danh sách.")
            if direction == "up"
            else _("Tiêu chí %(code)s đã ở cuối danh sách.")
        )
        _move(rows, index, direction, edge % {"code": criterion_code})

    return _edit(
        user=user,
        criteria_set=criteria_set,
        step="criterion_move",
        change=change,
        after={"criterion": criterion_code, "direction": direction},
        reason=reason,
    )


def remove_criterion(
    *, user: User | None, criteria_set: CriteriaSet, criterion_code: str, reason: str = ""
) -> CriteriaSet:
    """Remove a criterion with its items."""

    def change(data: Data) -> None:
        rows = data["criteria"]
        del rows[_index(rows, "code", criterion_code, _criterion_missing(criterion_code))]

    return _edit(
        user=user,
        criteria_set=criteria_set,
        step="criterion_remove",
        change=change,
        after={"criterion": criterion_code},
        reason=reason,
    )


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

    def change(data: Data) -> None:
        items, index = _item(data, item_code)
        edge = (
            _("Chỉ báo %(code)s đã ở đầu tiêu chí.")
            if direction == "up"
            else _("Chỉ báo %(code)s đã ở cuối tiêu chí.")
        )
        _move(items, index, direction, edge % {"code": item_code})

    return _edit(
        user=user,
        criteria_set=criteria_set,
        step="item_move",
        change=change,
        after={"item": item_code, "direction": direction},
        reason=reason,
    )


def remove_item(
    *, user: User | None, criteria_set: CriteriaSet, item_code: str, reason: str = ""
) -> CriteriaSet:
    def change(data: Data) -> None:
        items, index = _item(data, item_code)
        del items[index]

    return _edit(
        user=user,
        criteria_set=criteria_set,
        step="item_remove",
        change=change,
        after={"item": item_code},
        reason=reason,
    )


# -- illustrative values (the demo) ------------------------------------------------------------------


def set_illustrative(
    *, user: User | None, criteria_set: CriteriaSet, illustrative: bool, reason: str = ""
) -> CriteriaSet:
    """Mark the set's values as made up for the demo (shown on every page and document)."""
    with transaction.atomic(), acting_as(user, reason=reason):
        current = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
        require_manage(user, current.province)
        if current.illustrative != illustrative:
            current.illustrative = illustrative
            current.save(update_fields=["illustrative", "updated_at"])
            record_step(
                actor=user,
                obj=current,
                step="criteria.illustrative",
                place=current.province,
                after={"illustrative": illustrative},
                reason=reason,
            )
    return current
