"""A community learning centre's yearly self-evaluation (tự đánh giá năm …).

The criteria are data: a set of kind ``criteria.Title.CENTRE`` that the province completes in the
criteria editor (the shipped national one is an empty template, since no official national list
of items is confirmed). The evaluation is scored by ``criteria.scoring.score``, the same pure
function that scores the learning titles.

Who may do what: the centre's staff (``Role.CENTRE_OFFICER``) and the commune officer, i.e.
``MANAGE_CLASSES`` over the centre's commune, start the year's evaluation, save the marks and
submit; the commune officer (``MANAGE_CENTRES`` there) confirms it or returns it with a reason.
Only a TTHTCĐ is evaluated (not the libraries, museums…).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability, can
from xhht.accounts.models import User
from xhht.audit.actions import record_step
from xhht.audit.models import AuditEntry
from xhht.centres.models import Centre, CentreEvaluation
from xhht.core.workflow import ChangedMeanwhile, StepRefused
from xhht.criteria import actions as criteria_actions
from xhht.criteria.models import CriteriaSet, Title
from xhht.criteria.scoring import Answer, AnswerError, ScoreResult, score
from xhht.criteria.serialize import plain_number

#: Who starts, marks and submits (the centre's staff, the commune officer).
EVALUATE_CAPABILITY = Capability.MANAGE_CLASSES
#: Who confirms or returns a submitted evaluation (the commune officer).
CONFIRM_CAPABILITY = Capability.MANAGE_CENTRES
#: The earliest year an evaluation is kept for.
FIRST_YEAR = 2000

POINTS = "points"
PASS_FAIL = "pass_fail"  # noqa: S105 - an item kind, not a password
TRUE_WORDS = {"1", "true", "on", "yes", "đạt", "dat"}
FALSE_WORDS = {"0", "false", "off", "no", "không đạt", "khong dat"}


def no_set_message() -> str:
    return _(
        "Tỉnh chưa hoàn thiện bộ tiêu chí đánh giá trung tâm học tập cộng đồng, nên trung tâm "
        "chưa thể tự đánh giá. Cán bộ quản lý bộ tiêu chí của tỉnh tạo bộ của tỉnh từ mẫu "
        "“Tự đánh giá Trung tâm học tập cộng đồng” và nhập tiêu chí, chỉ báo, điểm theo văn bản "
        "của tỉnh."
    )


def get_evaluation_for_user(
    user: User, pk: int, capability: str = Capability.VIEW
) -> CentreEvaluation:
    """The evaluation if ``user`` holds ``capability`` over its centre's place, else 404."""
    evaluations = CentreEvaluation.objects.visible_to(user, capability).select_related(
        "centre__place", "criteria_set", "submitted_by", "confirmed_by"
    )
    return get_object_or_404(evaluations, pk=pk)


def may_evaluate(user: User, centre: Centre) -> bool:
    return centre.kind == Centre.Kind.TTHTCD and can(user, EVALUATE_CAPABILITY, centre.place)


def may_confirm(user: User, centre: Centre) -> bool:
    return centre.kind == Centre.Kind.TTHTCD and can(user, CONFIRM_CAPABILITY, centre.place)


def usable_set(centre: Centre, year: int) -> CriteriaSet | None:
    """The province's (or a national) complete, active centre set valid in ``year`` or today."""
    for day in (datetime.date(year, 1, 1), timezone.localdate()):
        found = CriteriaSet.objects.best_for(Title.CENTRE, centre.place, day)
        if found is not None:
            return found
    return None


@dataclass(frozen=True)
class ItemLine:
    """One item as the page shows it: what it asks, its maximum and the score it got."""

    criterion_code: str
    criterion_name: str
    code: str
    text: str
    kind: str
    max_points: Decimal | None
    evidence_hint: str
    points: Decimal | None
    met: bool | None
    note: str
    scored: Decimal


def evaluate(evaluation: CentreEvaluation) -> ScoreResult:
    """The marks scored with the evaluation's criteria set (``criteria.scoring.score``)."""
    return score(evaluation.criteria_set.definition(), _answers(evaluation.marks))


def item_lines(evaluation: CentreEvaluation, result: ScoreResult) -> list[ItemLine]:
    lines = []
    for criterion in evaluation.criteria_set.definition().criteria:
        for item in criterion.items:
            mark = evaluation.marks.get(item.code) or {}
            item_score = result.items.get(item.code)
            lines.append(
                ItemLine(
                    criterion_code=criterion.code,
                    criterion_name=criterion.name,
                    code=item.code,
                    text=item.text,
                    kind=item.kind,
                    max_points=item.max_points,
                    evidence_hint=item.evidence_hint,
                    points=_decimal(mark.get("points")),
                    met=mark.get("met"),
                    note=str(mark.get("note") or ""),
                    scored=item_score.points if item_score else Decimal(0),
                )
            )
    return lines


def _decimal(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def _answers(marks: Mapping[str, Mapping[str, Any]]) -> dict[str, Answer]:
    return {
        code: Answer(points=_decimal(mark.get("points")), met=mark.get("met"))
        for code, mark in marks.items()
    }


def clean_marks(
    criteria_set: CriteriaSet, raw: Mapping[str, Mapping[str, Any]]
) -> dict[str, dict[str, Any]]:
    """{item code: {"points": "7.5"|None, "met": bool|None, "note": str}} or StepRefused listing
    every mark that cannot be read (points out of range are checked by the scoring)."""
    problems: list[str] = []
    clean: dict[str, dict[str, Any]] = {}
    for item in criteria_set.definition().items():
        mark = raw.get(item.code) or {}
        note = str(mark.get("note") or "").strip()[:1000]
        if item.kind == PASS_FAIL:
            text = str(mark.get("met") if mark.get("met") is not None else "").strip().lower()
            met = True if text in TRUE_WORDS else False if text in FALSE_WORDS else None
            if text and met is None:
                problems.append(
                    _("Chỉ báo %(code)s: hãy chọn “Đạt” hoặc “Không đạt”.") % {"code": item.code}
                )
            clean[item.code] = {"points": None, "met": met, "note": note}
            continue
        value = str(mark.get("points") if mark.get("points") is not None else "").strip()
        points: Decimal | None = None
        if value:
            try:
                points = Decimal(value.replace(",", "."))
            except InvalidOperation:
                problems.append(
                    _("Chỉ báo %(code)s: điểm “%(value)s” không phải là số.")
                    % {"code": item.code, "value": value}
                )
                continue
            if not points.is_finite():
                problems.append(_("Chỉ báo %(code)s: điểm không hợp lệ.") % {"code": item.code})
                continue
        clean[item.code] = {"points": plain_number(points), "met": None, "note": note}
    if problems:
        raise StepRefused("", problems)
    return clean


def _score_into(evaluation: CentreEvaluation) -> ScoreResult:
    try:
        result = evaluate(evaluation)
    except AnswerError as exc:
        raise StepRefused("", exc.problems) from exc
    evaluation.total, evaluation.passed = result.total, result.passed
    evaluation.grade = (result.grade or "")[:100]
    return result


def _locked(evaluation: CentreEvaluation) -> CentreEvaluation:
    return (
        CentreEvaluation.objects.select_for_update()
        .select_related("centre__place", "criteria_set")
        .get(pk=evaluation.pk)
    )


def last_return_reason(evaluation: CentreEvaluation) -> str:
    """Why the commune last sent a draft back ("" when it never did, or once submitted again)."""
    if evaluation.state != CentreEvaluation.State.DRAFT:
        return ""
    entry = (
        AuditEntry.objects.for_object(evaluation)
        .filter(step__startswith="centre_evaluation.")
        .exclude(step="centre_evaluation.marks")
        .order_by("-at", "-pk")
        .first()
    )
    return entry.reason if entry is not None and entry.step == "centre_evaluation.return" else ""


@transaction.atomic
def start_evaluation(*, user: User, centre: Centre, year: int) -> CentreEvaluation:
    """The centre's evaluation of ``year`` (the existing one when already started), on the
    province's usable centre set; the set is frozen from then on (``criteria.mark_used``)."""
    if not may_evaluate(user, centre):
        raise PermissionDenied
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise StepRefused(_("Năm tự đánh giá không hợp lệ."))
    existing = CentreEvaluation.objects.filter(centre=centre, year=year).first()
    if existing is not None:
        return existing
    criteria_set = usable_set(centre, year)
    if criteria_set is None:
        raise StepRefused(no_set_message())
    try:
        criteria_actions.mark_used(criteria_set, actor=user)
    except criteria_actions.CriteriaSetNotUsable as exc:
        raise StepRefused(str(exc)) from exc
    evaluation = CentreEvaluation(
        centre=centre, year=year, criteria_set=criteria_set, created_by=user
    )
    _score_into(evaluation)
    evaluation.save()
    record_step(
        actor=user,
        obj=evaluation,
        step="centre_evaluation.start",
        place=centre.place,
        after={"year": year, "criteria_set": criteria_set.code, "version": criteria_set.version},
    )
    return evaluation


@transaction.atomic
def save_marks(
    *, user: User, evaluation: CentreEvaluation, marks: Mapping[str, Mapping[str, Any]]
) -> CentreEvaluation:
    """The centre's own marks, scored; only while the evaluation is a draft."""
    current = _locked(evaluation)
    if not may_evaluate(user, current.centre):
        raise PermissionDenied
    if current.state != CentreEvaluation.State.DRAFT:
        raise ChangedMeanwhile(_("Bản tự đánh giá đã được gửi, không sửa được nữa."))
    before = {"total": plain_number(current.total), "passed": current.passed}
    current.marks = clean_marks(current.criteria_set, marks)
    _score_into(current)
    current.save()
    record_step(
        actor=user,
        obj=current,
        step="centre_evaluation.marks",
        place=current.centre.place,
        before=before,
        after={"total": plain_number(current.total), "passed": current.passed},
    )
    return current


@transaction.atomic
def submit_evaluation(*, user: User, evaluation: CentreEvaluation) -> CentreEvaluation:
    """Send the draft to the commune; every item must be marked."""
    current = _locked(evaluation)
    if not may_evaluate(user, current.centre):
        raise PermissionDenied
    if current.state != CentreEvaluation.State.DRAFT:
        raise ChangedMeanwhile(_("Bản tự đánh giá đã được gửi."))
    result = _score_into(current)
    unmarked = [
        code for code, item in result.items.items() if item.applicable and not item.answered
    ]
    if unmarked:
        raise StepRefused(
            _("Còn chỉ báo chưa chấm: %(codes)s. Hãy chấm đủ rồi gửi.")
            % {"codes": ", ".join(unmarked)}
        )
    current.state = CentreEvaluation.State.SUBMITTED
    current.submitted_by, current.submitted_at = user, timezone.now()
    current.save()
    record_step(
        actor=user,
        obj=current,
        step="centre_evaluation.submit",
        place=current.centre.place,
        before={"state": CentreEvaluation.State.DRAFT},
        after={"state": current.state, "total": plain_number(current.total)},
    )
    return current


@transaction.atomic
def confirm_evaluation(*, user: User, evaluation: CentreEvaluation) -> CentreEvaluation:
    """The commune officer confirms a submitted evaluation."""
    current = _locked(evaluation)
    if not may_confirm(user, current.centre):
        raise PermissionDenied
    if current.state != CentreEvaluation.State.SUBMITTED:
        raise ChangedMeanwhile(_("Chỉ xác nhận được bản tự đánh giá đã gửi."))
    current.state = CentreEvaluation.State.CONFIRMED
    current.confirmed_by, current.confirmed_at = user, timezone.now()
    current.save()
    record_step(
        actor=user,
        obj=current,
        step="centre_evaluation.confirm",
        place=current.centre.place,
        before={"state": CentreEvaluation.State.SUBMITTED},
        after={"state": current.state},
    )
    return current


@transaction.atomic
def return_evaluation(*, user: User, evaluation: CentreEvaluation, reason: str) -> CentreEvaluation:
    """The commune officer sends a submitted evaluation back to the centre, saying why."""
    current = _locked(evaluation)
    if not may_confirm(user, current.centre):
        raise PermissionDenied
    if current.state != CentreEvaluation.State.SUBMITTED:
        raise ChangedMeanwhile(_("Chỉ trả lại được bản tự đánh giá đã gửi."))
    reason = reason.strip()
    if not reason:
        raise StepRefused(_("Hãy ghi lý do trả lại để trung tâm biết cần sửa gì."))
    current.state = CentreEvaluation.State.DRAFT
    current.submitted_by, current.submitted_at = None, None
    current.save()
    record_step(
        actor=user,
        obj=current,
        step="centre_evaluation.return",
        place=current.centre.place,
        before={"state": CentreEvaluation.State.SUBMITTED},
        after={"state": current.state},
        reason=reason[:1000],
    )
    return current
