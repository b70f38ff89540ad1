"""The set as a whole: its name and legal basis, its rules, the points of its items, and
whether its values are illustrative (the demo)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction

from xhht.audit.actions import record_step
from xhht.audit.context import acting_as
from xhht.criteria.actions import require_manage
from xhht.criteria.edits._base import Data, _clean, _edit, _item
from xhht.criteria.models import CriteriaSet
from xhht.criteria.serialize import plain_number

if TYPE_CHECKING:
    from xhht.accounts.models import User

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
