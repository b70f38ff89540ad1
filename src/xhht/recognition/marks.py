"""Checking the marks a subject or a reviewer enters against the items of the criteria set."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from xhht.core.workflow import StepRefused
from xhht.criteria.scoring import points_problem, unknown_item_problem

if TYPE_CHECKING:
    from xhht.recognition.criteria_link import ItemRow

PASS_FAIL = "pass_fail"  # noqa: S105 - an item kind, not a password


TRUE_WORDS = {"1", "true", "yes", "on", "có", "co", "đạt", "dat", "x", "đ"}
FALSE_WORDS = {"0", "false", "no", "off", "không", "khong", "không đạt", "khong dat", ""}


class MarksError(StepRefused):
    """Marks that cannot be saved: one problem per item, each shown on its own."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("", problems)


def parse_met(value: Any) -> bool | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal):
        return bool(value)
    text = str(value).strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False if text else None
    raise ValueError(text)


def clean_marks(
    items: list[ItemRow],
    raw: Mapping[str, Mapping[str, Any]],
    *,
    require_all: bool,
    note_key: str = "note",
) -> dict[str, dict[str, Any]]:
    """{code: {"points": str|None, "met": bool|None, note_key: str}} or MarksError listing every problem."""
    problems: list[str] = []
    clean: dict[str, dict[str, Any]] = {}
    known = {item.code for item in items}
    for code in raw:
        if code not in known:
            problems.append(unknown_item_problem(code))
    for item in items:
        mark = raw.get(item.code, {})
        note = str(mark.get(note_key, "") or "").strip()[:1000]
        if item.kind == PASS_FAIL:
            try:
                met = parse_met(mark.get("met"))
            except ValueError:
                problems.append(
                    _("Chỉ báo %(code)s: hãy chọn “Đạt” hoặc “Không đạt”.") % {"code": item.code}
                )
                continue
            if met is None and require_all:
                problems.append(
                    _("Chỉ báo %(code)s: chưa chọn “Đạt” hoặc “Không đạt”.") % {"code": item.code}
                )
            clean[item.code] = {"points": None, "met": met, note_key: note}
            continue
        value = mark.get("points")
        if value is None or str(value).strip() == "":
            if require_all:
                problems.append(_("Chỉ báo %(code)s: chưa nhập điểm.") % {"code": item.code})
            clean[item.code] = {"points": None, "met": None, note_key: note}
            continue
        try:
            points = Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            problems.append(
                _("Chỉ báo %(code)s: “%(value)s” không phải là số.")
                % {"code": item.code, "value": value}
            )
            continue
        if problem := points_problem(item.code, points, item.max_points):
            problems.append(problem)
            continue
        clean[item.code] = {"points": str(points), "met": None, note_key: note}
    if problems:
        raise MarksError(problems)
    return clean
