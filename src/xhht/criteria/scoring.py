"""Scoring: a pure function of a criteria set and the answers, with its reasons in Vietnamese.

``score(definition, answers)`` never touches the database. An incomplete set (a template) still
adds up the points, for a preview, but never passes anyone: ``passed`` is False, ``grade`` None,
``complete`` False and the reasons say what the province must fill in. ``require_complete``
raises instead, for callers that must not go on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from xhht.criteria.checks import fmt_points
from xhht.criteria.definition import Band, CriterionDef, ItemDef, SetDefinition

ZERO = Decimal(0)


class AnswerError(ValueError):
    """Answers that do not fit the set (unknown item, points out of range)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class IncompleteDefinitionError(ValueError):
    """A template: it cannot recognise anyone until the province fills in ``missing``."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__(
            "Bộ tiêu chí là mẫu chưa hoàn chỉnh, chưa thể dùng để công nhận: " + " ".join(missing)
        )
        self.missing = missing


@dataclass(frozen=True)
class Answer:
    """The answer for one item: points for a scored item, met for a pass/fail one."""

    points: Decimal | None = None
    met: bool | None = None


@dataclass(frozen=True)
class ItemScore:
    code: str
    criterion: str
    kind: str
    applicable: bool
    answered: bool
    points: Decimal
    max_points: Decimal | None
    met: bool | None  # pass/fail items only


@dataclass(frozen=True)
class CriterionScore:
    code: str
    points: Decimal
    max_points: Decimal | None
    min_points: Decimal | None
    reached_minimum: bool | None  # None when the criterion has no minimum
    all_met: bool  # every applicable pass/fail item of the criterion is met


@dataclass(frozen=True)
class ScoreResult:
    items: dict[str, ItemScore]
    criteria: dict[str, CriterionScore]
    total: Decimal
    max_total: Decimal | None
    passed: bool
    grade: str | None
    reasons: list[str] = field(default_factory=list)
    complete: bool = True


def unknown_item_problem(code: str) -> str:
    """The message for marks given to an item the set does not have."""
    return _("Chỉ báo “%(code)s” không có trong bộ tiêu chí.") % {"code": code}


def points_problem(code: str, points: Decimal, max_points: Decimal | None) -> str | None:
    """The one check of an item's points (0 to the item's maximum): its message, or None."""
    if points < 0 or (max_points is not None and points > max_points):
        return _("Chỉ báo %(code)s: điểm phải từ 0 đến %(max)s.") % {
            "code": code,
            "max": fmt_points(max_points),
        }
    return None


def require_complete(definition: SetDefinition) -> None:
    missing = definition.missing_values()
    if missing:
        raise IncompleteDefinitionError(missing)


def _check_answers(
    definition: SetDefinition, answers: Mapping[str, Answer], group: str | None
) -> None:
    problems: list[str] = []
    if group is not None and group not in {g.code for g in definition.groups}:
        problems.append(f"Nhóm đối tượng “{group}” không có trong bộ tiêu chí.")
    if group is None and any(i.applies_to for i in definition.items()):
        problems.append("Bộ tiêu chí có chỉ báo riêng cho từng nhóm đối tượng: hãy chọn nhóm.")
    codes = {i.code: i for i in definition.items()}
    for code, answer in answers.items():
        item = codes.get(code)
        if item is None:
            problems.append(unknown_item_problem(code))
        elif answer.points is not None:
            if item.kind == "pass_fail":
                problems.append(f"Chỉ báo {code} là đạt/không đạt, không chấm điểm.")
            elif problem := points_problem(code, answer.points, item.max_points):
                problems.append(problem)
    if problems:
        raise AnswerError(problems)


def _item_score(
    item: ItemDef, criterion: str, answer: Answer | None, group: str | None
) -> ItemScore:
    applicable = item.applies(group)
    if item.kind == "pass_fail":
        met = bool(answer and answer.met) if applicable else None
        answered = answer is not None and answer.met is not None
        points = ZERO
    else:
        met = None
        answered = answer is not None and answer.points is not None
        points = answer.points if applicable and answer and answer.points is not None else ZERO
    return ItemScore(
        item.code, criterion, item.kind, applicable, answered, points, item.max_points, met
    )


def _criterion_score(c: CriterionDef, scores: list[ItemScore], group: str | None) -> CriterionScore:
    points = sum((s.points for s in scores if s.applicable), ZERO)
    reached = None if c.min_points is None else points >= c.min_points
    all_met = all(s.met for s in scores if s.applicable and s.kind == "pass_fail")
    return CriterionScore(c.code, points, c.max_for(group), c.min_points, reached, all_met)


def _grade(bands: tuple[Band, ...], total: Decimal) -> Band | None:
    known = sorted(
        (b for b in bands if b.min_total is not None),
        key=lambda b: b.min_total or ZERO,
        reverse=True,
    )
    return next((b for b in known if b.min_total is not None and total >= b.min_total), None)


def score(
    definition: SetDefinition, answers: Mapping[str, Answer], *, group: str | None = None
) -> ScoreResult:
    """Item and criterion scores, total, whether the rules are met, the grade and why."""
    _check_answers(definition, answers, group)
    items: dict[str, ItemScore] = {}
    criteria: dict[str, CriterionScore] = {}
    for c in definition.criteria:
        scores = [_item_score(i, c.code, answers.get(i.code), group) for i in c.items]
        items.update((s.code, s) for s in scores)
        criteria[c.code] = _criterion_score(c, scores, group)
    total = sum((s.points for s in criteria.values()), ZERO)
    max_total = definition.max_total(group)
    reasons: list[str] = []
    missing = definition.missing_values()
    if missing:
        reasons.append("Bộ tiêu chí là mẫu chưa hoàn chỉnh, chưa thể dùng để công nhận.")
        reasons.extend(missing)
    ok = _apply_rules(definition, items, criteria, total, reasons)
    band = _grade(definition.bands, total) if ok else None
    if definition.bands and ok:
        if band is None:
            lowest = min(
                (b for b in definition.bands if b.min_total is not None),
                key=lambda b: b.min_total or ZERO,
                default=None,
            )
            if lowest is not None:
                reasons.append(
                    f"Tổng điểm {fmt_points(total)} chưa đạt mức xếp loại thấp nhất “{lowest.name}” ({fmt_points(lowest.min_total)} điểm)."
                )
            ok = False
        else:
            reasons.append(f"Xếp loại “{band.name}” (từ {fmt_points(band.min_total)} điểm).")
    passed = ok and not missing
    if passed:
        reasons.append(_summary(definition, total, max_total))
    return ScoreResult(
        items=items,
        criteria=criteria,
        total=total,
        max_total=max_total,
        passed=passed,
        grade=band.name if band is not None and passed else None,
        reasons=reasons,
        complete=not missing,
    )


def _apply_rules(
    definition: SetDefinition,
    items: dict[str, ItemScore],
    criteria: dict[str, CriterionScore],
    total: Decimal,
    reasons: list[str],
) -> bool:
    ok = True
    if definition.all_items_required:
        for s in items.values():
            if s.applicable and s.kind == "pass_fail" and not s.met:
                why = "chưa đạt" if s.answered else "chưa được đánh giá"
                reasons.append(f"Tiêu chí {s.criterion}, chỉ báo {s.code}: {why}.")
                ok = False
    floor = definition.min_item_points
    if floor is not None:
        for s in items.values():
            if s.applicable and s.kind == "points" and s.points < floor:
                reasons.append(
                    f"Tiêu chí {s.criterion}, chỉ báo {s.code} đạt {fmt_points(s.points)} điểm, dưới mức tối thiểu {fmt_points(floor)} điểm của mỗi chỉ báo."
                )
                ok = False
    for c in criteria.values():
        if c.reached_minimum is False:
            reasons.append(
                f"Tiêu chí {c.code} đạt {fmt_points(c.points)} điểm, dưới mức tối thiểu {fmt_points(c.min_points)} điểm."
            )
            ok = False
    pass_mark = definition.pass_mark
    if pass_mark is not None and total < pass_mark:
        reasons.append(f"Tổng điểm {fmt_points(total)} dưới điểm chuẩn {fmt_points(pass_mark)}.")
        ok = False
    return ok


def _summary(definition: SetDefinition, total: Decimal, max_total: Decimal | None) -> str:
    parts = ["Đạt"]
    if definition.uses_points:
        parts.append(f"tổng điểm {fmt_points(total)}/{fmt_points(max_total)}")
        if definition.pass_mark is not None:
            parts.append(f"điểm chuẩn {fmt_points(definition.pass_mark)}")
        if definition.min_item_points is not None:
            parts.append(f"không chỉ báo nào dưới {fmt_points(definition.min_item_points)} điểm")
    if definition.all_items_required:
        parts.append("mọi chỉ báo đạt/không đạt đều đạt")
    return ", ".join(parts) + "."
