"""Workflow steps of tasks and reports: each checks permission, runs atomically, is audited,
and refuses politely when someone else changed the record first (conditional UPDATE)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from xhht.accounts.models import Body, User
from xhht.audit.actions import record_step
from xhht.audit.context import acting_as
from xhht.core.files import UploadRefused, check_upload, store
from xhht.core.workflow import ChangedMeanwhile, StepRefused, Transitions, move_row
from xhht.places.models import Place
from xhht.reporting import access
from xhht.reporting.models import (
    Answer,
    Figure,
    ReportingPeriod,
    ReportSection,
    ReportType,
    Submission,
    TableRow,
    Task,
    TaskUpdate,
)
from xhht.reporting.periods import now
from xhht.reporting.prefill import system_value

State = Submission.State


#: Where each step of a report starts and leads (``core.workflow``).
TRANSITIONS: Transitions = {
    "submit": (frozenset(Submission.EDITABLE), State.SUBMITTED),
    "accept": (frozenset({State.SUBMITTED}), State.ACCEPTED),
    "return": (frozenset({State.SUBMITTED}), State.RETURNED),
    "reopen": (frozenset({State.ACCEPTED}), State.RETURNED),
}


@dataclass(frozen=True)
class FigureInput:
    value: Decimal | None
    reason: str = ""


def _changed_meanwhile(submission: Submission) -> ChangedMeanwhile:
    current = Submission.objects.get(pk=submission.pk)
    return ChangedMeanwhile(
        _("Báo cáo vừa được người khác xử lý (hiện: %(state)s). Hãy tải lại trang rồi thử lại.")
        % {"state": current.get_state_display()}
    )


def _move(
    *,
    actor: User,
    submission: Submission,
    step: str,
    reason: str = "",
    **changes: Any,
) -> None:
    """Take ``step`` on ``submission`` (``TRANSITIONS``), or tell the loser of a race."""
    before = submission.state
    move_row(
        Submission.objects.all(),
        pk=submission.pk,
        step=step,
        transitions=TRANSITIONS,
        changes=changes,
        stale=lambda: _changed_meanwhile(submission),
    )
    submission.refresh_from_db()
    record_step(
        actor=actor,
        obj=submission,
        step=step,
        place=submission.place,
        before={"state": before},
        after={"state": submission.state, "comment": submission.comment},
        reason=reason,
    )


def save_report(
    *,
    actor: User,
    submission: Submission,
    answers: dict[int, str],
    figures: dict[int, FigureInput],
) -> None:
    """Save the reporter's answers and figures; a figure that differs from the system's needs a
    reason. Nothing is saved when something is wrong."""
    if not access.can_file(actor, submission):
        raise PermissionDenied
    problems = [
        _("Dòng “%(row)s”: số liệu khác số liệu hệ thống (%(system)s), hãy ghi lý do điều chỉnh.")
        % {"row": figure.row.label, "system": figure.system_value}
        for figure in submission.figures.select_related("row")
        if figure.row_id in figures
        and figure.system_value is not None
        and figures[figure.row_id].value != figure.system_value
        and not figures[figure.row_id].reason.strip()
    ]
    if problems:
        raise StepRefused(_("Chưa lưu được báo cáo."), problems)
    with transaction.atomic(), acting_as(actor):
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if locked.state not in Submission.EDITABLE:
            raise StepRefused(
                _("Báo cáo đang ở trạng thái “%(state)s” nên không sửa được.")
                % {"state": locked.get_state_display()}
            )
        for section_id, text in answers.items():
            answer, _created = Answer.objects.get_or_create(
                submission=submission, section_id=section_id
            )
            if answer.text != text:
                answer.text = text
                answer.save()
        for figure in submission.figures.all():
            given = figures.get(figure.row_id)
            if given is None:
                continue
            reason = given.reason.strip() if given.value != figure.system_value else ""
            if (figure.value, figure.reason) != (given.value, reason):
                figure.value, figure.reason = given.value, reason
                figure.save()


def _missing_parts(submission: Submission) -> list[str]:
    answered = {
        a.section_id for a in submission.answers.all() if a.text.strip()
    }  # narrative sections need text
    sections = ReportSection.objects.filter(
        report_type=submission.period.report_type, kind=ReportSection.Kind.NARRATIVE
    )
    problems = [
        _("Mục “%(title)s” chưa có nội dung.") % {"title": s.title}
        for s in sections
        if s.pk not in answered
    ]
    problems += [
        _("Dòng “%(row)s” chưa có số liệu.") % {"row": f.row.label}
        for f in submission.figures.select_related("row")
        if f.value is None
    ]
    return problems


def submit(*, actor: User, submission: Submission) -> None:
    if not access.can_file(actor, submission):
        raise PermissionDenied
    problems = _missing_parts(submission)
    if problems:
        raise StepRefused(_("Báo cáo chưa đủ nội dung để gửi."), problems)
    moment = now()
    with transaction.atomic():
        _move(
            actor=actor,
            submission=submission,
            step="submit",
            submitted_at=moment,
            first_submitted_at=Coalesce(F("first_submitted_at"), moment),
        )


def accept(*, actor: User, submission: Submission) -> None:
    if not access.can_receive(actor, submission):
        raise PermissionDenied
    with transaction.atomic():
        _move(
            actor=actor,
            submission=submission,
            step="accept",
            decided_at=now(),
            comment="",
        )


def return_report(*, actor: User, submission: Submission, comment: str) -> None:
    """Send a submitted report back to its reporter with what to fix."""
    if not access.can_receive(actor, submission):
        raise PermissionDenied
    if not comment.strip():
        raise StepRefused(_("Hãy ghi rõ lý do trả lại và nội dung cần sửa."))
    with transaction.atomic():
        _move(
            actor=actor,
            submission=submission,
            step="return",
            reason=comment.strip(),
            decided_at=now(),
            comment=comment.strip(),
        )


def reopen(*, actor: User, submission: Submission, reason: str) -> None:
    """Unlock an accepted report: the only way to change it, always with a recorded reason."""
    if not access.can_receive(actor, submission):
        raise PermissionDenied
    if not reason.strip():
        raise StepRefused(_("Mở lại báo cáo đã tiếp nhận phải có lý do."))
    with transaction.atomic():
        _move(
            actor=actor,
            submission=submission,
            step="reopen",
            reason=reason.strip(),
            decided_at=now(),
            comment=reason.strip(),
        )


def update_task(
    *,
    actor: User,
    task: Task,
    status: str,
    note: str,
    evidence: UploadedFile | None = None,
    today: datetime.date | None = None,
) -> TaskUpdate:
    """Record progress on a task, by an officer of its lead or a supporting body.

    Evidence is checked by content like an assessment's (a photo or a PDF) and written before
    the transaction; a refused step or a failed write leaves no file behind.
    """
    if not access.can_update_task(actor, task):
        raise PermissionDenied
    if status not in Task.Status.values:
        raise StepRefused(_("Tình trạng không hợp lệ."))
    if not note.strip():
        raise StepRefused(_("Hãy ghi tiến độ hoặc kết quả thực hiện."))
    day = today or now().date()
    update = TaskUpdate(task=task, author=actor, status=status, note=note.strip())
    if evidence is not None:
        _attach_evidence(update, evidence)
    try:
        with transaction.atomic(), acting_as(actor):
            locked = Task.objects.select_for_update().get(pk=task.pk)
            before = locked.status
            body_ids = access.acting_bodies(actor) & {
                locked.lead_body_id,
                *locked.supporting_bodies.values_list("pk", flat=True),
            }
            update.task, update.body_id = locked, min(body_ids, default=None)
            update.save()
            locked.status = status
            locked.completed_on = day if status == Task.Status.DONE else None
            locked.save()
            record_step(
                actor=actor,
                obj=locked,
                step="task_update",
                place=locked.place,
                before={"status": before},
                after={"status": status},
                reason=note.strip(),
            )
    except Exception:
        if update.evidence:
            update.evidence.delete(save=False)
        raise
    task.refresh_from_db()
    return update


def _attach_evidence(update: TaskUpdate, upload: UploadedFile) -> None:
    """Check ``upload`` by content and write it for ``update`` (not yet saved)."""
    try:
        checked = check_upload(upload, upload.size or 0)
        update.evidence_name = (upload.name or "")[:200]
        update.evidence_type = checked.content_type
        store(update.evidence, upload, "evidence")
    except UploadRefused as exc:
        raise StepRefused(exc.message) from exc


def expected_reporters(report_type: ReportType) -> list[Body | Place]:
    """Who must file this report: the named bodies, and every current place of the level."""
    reporters: list[Body | Place] = list(report_type.reporter_bodies.order_by("name"))
    if report_type.reporter_level:
        places = (
            Place.objects.current()
            .subtree(report_type.place)
            .filter(level=report_type.reporter_level)
            .by_name()
        )
        reporters += list(places)
    return reporters


def open_period(
    *,
    actor: User,
    report_type: ReportType,
    year: int,
    index: int = 1,
    cutoff: datetime.date | None = None,
    due: datetime.date | None = None,
) -> ReportingPeriod:
    """Open a period: one report is expected from each reporter, its tables pre-filled."""
    if not access.can_manage_plans(actor, report_type):
        raise PermissionDenied
    return start_period(
        actor=actor, report_type=report_type, year=year, index=index, cutoff=cutoff, due=due
    )


def start_period(
    *,
    actor: User | None,
    report_type: ReportType,
    year: int,
    index: int = 1,
    cutoff: datetime.date | None = None,
    due: datetime.date | None = None,
) -> ReportingPeriod:
    """``open_period`` once the actor's right is checked (or with no actor: the seed plans,
    saved by ``xhht load_seed_plans``)."""
    if not 1 <= index <= report_type.periods_per_year():
        raise StepRefused(_("Kỳ báo cáo không hợp lệ cho loại báo cáo này."))
    label, proposed_cutoff, proposed_due = report_type.propose_period(year, index)
    reporters = expected_reporters(report_type)
    if not reporters:
        raise StepRefused(_("Loại báo cáo chưa có cơ quan hay địa phương nào phải báo cáo."))
    rows = list(
        TableRow.objects.filter(section__report_type=report_type).select_related("indicator")
    )
    with transaction.atomic(), acting_as(actor):
        if ReportingPeriod.objects.filter(report_type=report_type, year=year, index=index).exists():
            raise StepRefused(_("Kỳ “%(label)s” đã được mở.") % {"label": label})
        period = ReportingPeriod.objects.create(
            report_type=report_type,
            year=year,
            index=index,
            label=label,
            cutoff=cutoff or proposed_cutoff,
            due=due or proposed_due,
        )
        for reporter in reporters:
            if isinstance(reporter, Body):
                submission = Submission(period=period, reporter_body=reporter, place=reporter.place)
            else:
                submission = Submission(period=period, reporter_place=reporter, place=reporter)
            submission.save()
            for row in rows:
                value = system_value(row, submission)
                Figure.objects.create(
                    submission=submission, row=row, value=value, system_value=value
                )
        record_step(
            actor=actor,
            obj=period,
            step="open_period",
            place=report_type.place,
            after={"expected": len(reporters), "due": period.due.isoformat()},
        )
    return period
