"""Everything recognition needs from the criteria app, in one place (its API may still move).

The criteria app owns criteria sets (``CriteriaSet``), their definitions (``SetDefinition``) and
the pure scoring function; here they are flattened into the rows the forms and documents show.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from xhht.core.workflow import StepRefused
from xhht.criteria import actions as criteria_actions
from xhht.criteria.actions import CriteriaSetNotUsable
from xhht.criteria.models import CriteriaSet
from xhht.criteria.scoring import Answer, AnswerError, score
from xhht.places.models import Place
from xhht.recognition.marks import MarksError

if TYPE_CHECKING:
    from xhht.accounts.models import User

__all__ = [
    "ItemRow",
    "Outcome",
    "evaluate",
    "groups_of",
    "is_usable",
    "items_of",
    "mark_used",
    "usable_set",
]

POINTS = "points"
PASS_FAIL = "pass_fail"  # noqa: S105 - an item kind, not a password


@dataclass(frozen=True)
class ItemRow:
    criterion_code: str
    criterion_name: str
    code: str
    text: str
    kind: str
    max_points: Decimal | None
    evidence_hint: str


@dataclass(frozen=True)
class Outcome:
    total: Decimal
    passed: bool
    grade: str
    reasons: list[str]


def items_of(criteria_set: CriteriaSet, group: str = "") -> list[ItemRow]:
    """The items of a set that apply to the subject's group, criterion by criterion."""
    rows = []
    for criterion in criteria_set.definition().criteria:
        for item in criterion.items:
            if not item.applies(group or None):
                continue
            rows.append(
                ItemRow(
                    criterion_code=criterion.code,
                    criterion_name=criterion.name,
                    code=item.code,
                    text=item.text,
                    kind=item.kind,
                    max_points=item.max_points,
                    evidence_hint=item.evidence_hint,
                )
            )
    return rows


def groups_of(criteria_set: CriteriaSet) -> list[tuple[str, str]]:
    """The subject groups (e.g. the CDHT citizen groups) as choices; empty when none."""
    return [(g.code, g.name) for g in criteria_set.definition().groups]


def usable_set(title: str, place: Place, on_date: datetime.date) -> CriteriaSet | None:
    return CriteriaSet.objects.best_for(title, place, on_date)


def is_usable(criteria_set: CriteriaSet, title: str, place: Place, year: int) -> bool:
    usable = CriteriaSet.objects.filter(pk=criteria_set.pk)
    return any(
        usable.usable_for(title, place, day).exists()
        for day in (datetime.date(year, 1, 1), timezone.localdate())
    )


def evaluate(
    criteria_set: CriteriaSet, marks: Mapping[str, Mapping[str, Any]], group: str = ""
) -> Outcome:
    """Score the marks ({item code: {"points": …, "met": …}}) with the set's rules."""
    answers = {
        code: Answer(points=_decimal(mark.get("points")), met=mark.get("met"))
        for code, mark in marks.items()
    }
    try:
        result = score(criteria_set.definition(), answers, group=group or None)
    except AnswerError as exc:
        raise MarksError(exc.problems) from exc
    return Outcome(
        total=result.total, passed=result.passed, grade=result.grade or "", reasons=result.reasons
    )


def _decimal(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def mark_used(criteria_set: CriteriaSet, *, actor: User | None = None) -> None:
    """Freeze the set once an assessment rests on it; a template or replaced set is refused."""
    try:
        criteria_actions.mark_used(criteria_set, actor=actor)
    except CriteriaSetNotUsable as exc:
        raise StepRefused(str(exc)) from exc
