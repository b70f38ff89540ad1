"""What every edit action shares: the audited save (``_edit``), finding a criterion, item or
row by its code, moving and removing a row, and tidying typed text."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from django.db import transaction
from django.utils.translation import gettext as _

from xhht.audit.actions import record_step
from xhht.audit.context import acting_as
from xhht.criteria.actions import require_manage, revise_set
from xhht.criteria.definition import DefinitionError
from xhht.criteria.models import CriteriaSet

if TYPE_CHECKING:
    from xhht.accounts.models import User

Direction = Literal["up", "down"]
Data = dict[str, Any]
Change = Callable[[Data], None]
Find = Callable[[Data], tuple[list[Data], int]]
"""Where a row is: the list that holds it and its position there."""


def _edit(
    *,
    user: User | None,
    criteria_set: CriteriaSet,
    step: str,
    change: Change,
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


def _row(rows: list[Data], key: str, value: str, missing: str) -> tuple[list[Data], int]:
    """``_index`` as a ``Find`` answer."""
    return rows, _index(rows, key, value, missing)


def _moving(find: Find, direction: Direction, code: str, *, first: str, last: str) -> Change:
    """The change that swaps a row with its neighbour; ``first``/``last`` (with ``%(code)s``)
    say the row is already at that end."""

    def change(data: Data) -> None:
        rows, index = find(data)
        target = index - 1 if direction == "up" else index + 1
        if not 0 <= target < len(rows):
            raise DefinitionError([(first if direction == "up" else last) % {"code": code}])
        rows[index], rows[target] = rows[target], rows[index]

    return change


def _removing(find: Find) -> Change:
    """The change that deletes a row."""

    def change(data: Data) -> None:
        rows, index = find(data)
        del rows[index]

    return change


def _clean(text: str) -> str:
    return " ".join(text.split())
