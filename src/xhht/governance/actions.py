"""Inspection actions: plan an inspection, record a visit, recommend, and the recommendation's
follow-up (the inspected side answers, or closes it once carried out; the inspector closes it
too, and opens an answered or closed one again).

Keyword-only, typed, atomic, audited (``record_step``). A recommendation's step is one
conditional ``UPDATE … WHERE state IN (…)`` (``core.workflow.move_row``): whoever comes second
is told the recommendation changed meanwhile. Evidence is checked by content (a photo or a PDF)
and written before the transaction; a refused step leaves no file behind.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xhht.accounts.access import require
from xhht.accounts.models import Body, User
from xhht.audit.actions import record_step
from xhht.audit.context import acting_as
from xhht.core.files import UploadRefused, check_upload, store
from xhht.core.workflow import ChangedMeanwhile, StepRefused, Transitions, move_row
from xhht.governance import access
from xhht.governance.models import FollowUp, InspectionPlan, Recommendation, Visit
from xhht.places.models import Place
from xhht.plans.models import Plan
from xhht.reporting.models import Task

S = Recommendation.State
TRANSITIONS: Transitions = {
    "answer": (frozenset({S.OPEN, S.ANSWERED}), S.ANSWERED),
    "complete": (frozenset({S.OPEN, S.ANSWERED}), S.CLOSED),
    "close": (frozenset({S.OPEN, S.ANSWERED}), S.CLOSED),
    "reopen": (frozenset({S.ANSWERED, S.CLOSED}), S.OPEN),
}


def _below(place: Place, inspector: Place) -> bool:
    return place.path.startswith(inspector.path) and place.pk != inspector.pk


def plan_inspection(
    *,
    actor: User,
    place: Place,
    title: str,
    start_date: datetime.date,
    end_date: datetime.date,
    inspector_body: Body | None = None,
    plan: Plan | None = None,
    tasks: Iterable[Task] = (),
    inspected_places: Iterable[Place] = (),
    inspected_bodies: Iterable[Body] = (),
) -> InspectionPlan:
    """An inspection by ``place`` (its steering committee ``inspector_body``) of communes,
    hamlets or bodies below it, on some tasks of ``plan``."""
    require(actor, access.INSPECT, place)
    places, bodies, chosen = list(inspected_places), list(inspected_bodies), list(tasks)
    problems = []
    if not title.strip():
        problems.append(_("Hãy ghi nội dung kiểm tra."))
    if end_date < start_date:
        problems.append(_("Ngày kết thúc phải sau ngày bắt đầu."))
    if not places and not bodies:
        problems.append(_("Hãy chọn ít nhất một xã, thôn hoặc cơ quan được kiểm tra."))
    if any(not _below(p, place) for p in places):
        problems.append(_("Chỉ kiểm tra được các xã, thôn thuộc %(place)s.") % {"place": place})
    if any(not b.place.path.startswith(place.path) for b in bodies):
        problems.append(_("Chỉ kiểm tra được các cơ quan thuộc %(place)s.") % {"place": place})
    if inspector_body is not None and inspector_body.place_id != place.pk:
        problems.append(_("Cơ quan kiểm tra phải thuộc %(place)s.") % {"place": place})
    if chosen and (plan is None or any(t.plan_id != plan.pk for t in chosen)):
        problems.append(_("Các nhiệm vụ được kiểm tra phải thuộc kế hoạch đã chọn."))
    if problems:
        raise StepRefused(_("Chưa lập được kế hoạch kiểm tra."), problems)
    with transaction.atomic(), acting_as(actor):
        inspection = InspectionPlan.objects.create(
            place=place,
            inspector_body=inspector_body,
            title=title.strip(),
            plan=plan,
            start_date=start_date,
            end_date=end_date,
            created_by=actor,
        )
        inspection.tasks.set(chosen)
        inspection.inspected_places.set(places)
        inspection.inspected_bodies.set(bodies)
        record_step(
            actor=actor,
            obj=inspection,
            step="inspection_plan",
            place=place,
            after={"places": [p.pk for p in places], "bodies": [b.pk for b in bodies]},
        )
    return inspection


def _check_inspected(inspection: InspectionPlan, place: Place | None, body: Body | None) -> None:
    if (place is None) == (body is None):
        raise StepRefused(_("Hãy chọn một xã, thôn hoặc một cơ quan được kiểm tra."))
    if place is not None and not inspection.inspected_places.filter(pk=place.pk).exists():
        raise StepRefused(_("%(name)s không có trong kế hoạch kiểm tra này.") % {"name": place})
    if body is not None and not inspection.inspected_bodies.filter(pk=body.pk).exists():
        raise StepRefused(_("%(name)s không có trong kế hoạch kiểm tra này.") % {"name": body})


def _attach(record: Visit | FollowUp, upload: UploadedFile) -> None:
    try:
        checked = check_upload(upload, upload.size or 0)
        record.evidence_name = (upload.name or "")[:200]
        record.evidence_type = checked.content_type
        store(record.evidence, upload, "evidence")
    except UploadRefused as exc:
        raise StepRefused(exc.message) from exc


def record_visit(
    *,
    actor: User,
    inspection: InspectionPlan,
    date: datetime.date,
    members: str,
    findings: str,
    inspected_place: Place | None = None,
    inspected_body: Body | None = None,
    evidence: UploadedFile | None = None,
) -> Visit:
    require(actor, access.INSPECT, inspection.place)
    _check_inspected(inspection, inspected_place, inspected_body)
    if not members.strip() or not findings.strip():
        raise StepRefused(_("Hãy ghi thành phần đoàn và kết quả kiểm tra."))
    visit = Visit(
        inspection=inspection,
        date=date,
        inspected_place=inspected_place,
        inspected_body=inspected_body,
        members=members.strip(),
        findings=findings.strip(),
        created_by=actor,
    )
    if evidence is not None:
        _attach(visit, evidence)
    try:
        with transaction.atomic(), acting_as(actor):
            visit.save()
            record_step(actor=actor, obj=visit, step="inspection_visit", place=inspection.place)
    except Exception:
        if visit.evidence:
            visit.evidence.delete(save=False)
        raise
    return visit


def recommend(
    *,
    actor: User,
    inspection: InspectionPlan,
    text: str,
    deadline: datetime.date,
    place: Place | None = None,
    body: Body | None = None,
    visit: Visit | None = None,
) -> Recommendation:
    """A recommendation to an inspected commune, hamlet or body, due by ``deadline``."""
    require(actor, access.INSPECT, inspection.place)
    _check_inspected(inspection, place, body)
    if not text.strip():
        raise StepRefused(_("Hãy ghi nội dung kiến nghị."))
    if visit is not None and visit.inspection_id != inspection.pk:
        raise StepRefused(_("Đợt kiểm tra không thuộc kế hoạch này."))
    with transaction.atomic(), acting_as(actor):
        recommendation = Recommendation.objects.create(
            inspection=inspection,
            visit=visit,
            place=place,
            body=body,
            text=text.strip(),
            deadline=deadline,
        )
        record_step(
            actor=actor,
            obj=recommendation,
            step="recommend",
            place=inspection.place,
            after={"deadline": deadline.isoformat(), "to": recommendation.addressee_name()},
        )
    return recommendation


def _step(
    *,
    actor: User,
    recommendation: Recommendation,
    step: str,
    kind: str,
    note: str,
    evidence: UploadedFile | None = None,
) -> FollowUp:
    if recommendation.state not in TRANSITIONS[step][0]:
        raise StepRefused(
            _("Kiến nghị đang ở tình trạng “%(state)s”: không làm được bước này.")
            % {"state": recommendation.get_state_display()}
        )
    follow_up = FollowUp(recommendation=recommendation, kind=kind, note=note.strip(), author=actor)
    if evidence is not None:
        _attach(follow_up, evidence)
    closing = TRANSITIONS[step][1] == S.CLOSED
    try:
        with transaction.atomic(), acting_as(actor):
            before = recommendation.state
            state = move_row(
                Recommendation.objects.all(),
                pk=recommendation.pk,
                step=step,
                transitions=TRANSITIONS,
                changes={
                    "closed_at": timezone.now() if closing else None,
                    "closed_by": actor if closing else None,
                },
                stale=lambda: ChangedMeanwhile(
                    _("Kiến nghị vừa được người khác cập nhật; hãy xem lại rồi làm tiếp.")
                ),
            )
            follow_up.save()
            record_step(
                actor=actor,
                obj=recommendation,
                step=f"recommendation_{step}",
                place=recommendation.inspection.place,
                before={"state": before},
                after={"state": state},
                reason=note.strip(),
            )
    except Exception:
        if follow_up.evidence:
            follow_up.evidence.delete(save=False)
        raise
    recommendation.refresh_from_db()
    return follow_up


def answer_recommendation(
    *,
    actor: User,
    recommendation: Recommendation,
    note: str,
    evidence: UploadedFile | None = None,
) -> FollowUp:
    """The inspected side reports what it did (again, while the inspector has not closed it)."""
    if not access.may_answer(actor, recommendation):
        raise PermissionDenied
    if not note.strip():
        raise StepRefused(_("Hãy ghi kết quả thực hiện kiến nghị."))
    return _step(
        actor=actor,
        recommendation=recommendation,
        step="answer",
        kind=FollowUp.Kind.ANSWER,
        note=note,
        evidence=evidence,
    )


def complete_recommendation(
    *,
    actor: User,
    recommendation: Recommendation,
    note: str,
    evidence: UploadedFile | None = None,
) -> FollowUp:
    """The inspected side has carried the recommendation out and closes it itself; the
    inspector may open it again (``reopen_recommendation``)."""
    if not access.may_answer(actor, recommendation):
        raise PermissionDenied
    if not note.strip():
        raise StepRefused(_("Hãy ghi kết quả thực hiện kiến nghị."))
    return _step(
        actor=actor,
        recommendation=recommendation,
        step="complete",
        kind=FollowUp.Kind.DONE,
        note=note,
        evidence=evidence,
    )


def close_recommendation(*, actor: User, recommendation: Recommendation, note: str) -> FollowUp:
    """The inspector concludes the recommendation has been carried out."""
    if not access.may_close(actor, recommendation):
        raise PermissionDenied
    if not note.strip():
        raise StepRefused(_("Hãy ghi kết luận của đoàn kiểm tra."))
    return _step(
        actor=actor,
        recommendation=recommendation,
        step="close",
        kind=FollowUp.Kind.CLOSE,
        note=note,
    )


def reopen_recommendation(*, actor: User, recommendation: Recommendation, note: str) -> FollowUp:
    """The inspector finds the answer, or the inspected side's closing, not enough: the
    recommendation is open again."""
    if not access.may_close(actor, recommendation):
        raise PermissionDenied
    if not note.strip():
        raise StepRefused(_("Hãy ghi lý do yêu cầu tiếp tục thực hiện."))
    return _step(
        actor=actor,
        recommendation=recommendation,
        step="reopen",
        kind=FollowUp.Kind.REOPEN,
        note=note,
    )
