"""Filing a report, and the receiver's accept / return / reopen; the workspace page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from xhht.accounts.access import Capability, require
from xhht.audit.models import AuditEntry
from xhht.core.http import user_of
from xhht.core.workflow import StepRefused, refusal_shown
from xhht.reporting import access, actions
from xhht.reporting.forms import CommentForm, ReportForm
from xhht.reporting.models import Answer, Figure, Reminder, Submission, Task
from xhht.reporting.periods import today


@require_safe
@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The workspace: reports to file, reports to receive, tasks, reminders."""
    user = user_of(request)
    require(user, Capability.VIEW)
    related = ["period__report_type", "reporter_body", "reporter_place"]
    to_file = Submission.objects.filed_by(user).select_related(*related).order_by("period__due")
    to_receive = (
        Submission.objects.receivable_by(user)
        .filter(state=Submission.State.SUBMITTED)
        .select_related(*related)
    )
    mine = Reminder.objects.filter(user=user)
    reminders = list(mine.select_related("submission")[:20])  # shown as unread this once
    mine.filter(read_at__isnull=True).update(read_at=timezone.now())
    day = today()
    tasks = Task.objects.visible_to(user).select_related("lead_body")[:200]
    context = {
        "to_file": to_file[:50],
        "to_receive": to_receive[:50],
        "reminders": reminders,
        "overdue_tasks": [t for t in tasks if t.is_overdue(day)],
    }
    return render(request, "reporting/index.html", context)


def _history(submission: Submission) -> list[AuditEntry]:
    """Every step and change of the report, its answers and its figures."""
    types = ContentType.objects.get_for_models(Submission, Answer, Figure)
    query = Q(content_type=types[Submission], object_id=str(submission.pk))
    answer_ids = [str(pk) for pk in submission.answers.values_list("pk", flat=True)]
    figure_ids = [str(pk) for pk in submission.figures.values_list("pk", flat=True)]
    query |= Q(content_type=types[Answer], object_id__in=answer_ids)
    query |= Q(content_type=types[Figure], object_id__in=figure_ids)
    entries = AuditEntry.objects.filter(query).select_related("actor", "place")
    return list(entries[:200])


@require_safe
@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    submission = access.get_submission_for_user(user, pk)
    answers = {a.section_id: a.text for a in submission.answers.all()}
    figures = {f.row_id: f for f in submission.figures.all()}
    sections = [
        (
            section,
            answers.get(section.pk, ""),
            [(row, figures.get(row.pk)) for row in section.rows.all()],
        )
        for section in submission.period.report_type.sections.prefetch_related("rows")
    ]
    context = {
        "submission": submission,
        "sections": sections,
        "history": _history(submission),
        "can_file": access.can_file(user, submission),
        "can_receive": access.can_receive(user, submission),
        "comment_form": CommentForm(),
    }
    return render(request, "reporting/submission_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def submission_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    submission = access.get_filed_submission_for_user(user, pk)
    if not submission.is_editable:
        messages.error(
            request,
            _("Báo cáo đang ở trạng thái “%(state)s” nên không sửa được.")
            % {"state": submission.get_state_display()},
        )
        return redirect("reporting:submission_detail", pk=submission.pk)
    form = ReportForm(request.POST or None, submission=submission)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_report(
                actor=user, submission=submission, answers=form.answers(), figures=form.figures()
            )
            if "submit" in request.POST:
                actions.submit(actor=user, submission=submission)
                messages.success(request, _("Đã gửi báo cáo."))
                return redirect("reporting:submission_detail", pk=submission.pk)
        except StepRefused as error:
            messages.error(request, error.message)
            problems = error.problems
        else:
            messages.success(request, _("Đã lưu bản nháp."))
            return redirect("reporting:submission_edit", pk=submission.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "reporting/submission_form.html",
        {"submission": submission, "form": form, "problems": problems},
        status=status,
    )


@login_required
@require_POST
@refusal_shown("reporting:submission_detail")
def submission_submit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    submission = access.get_filed_submission_for_user(user, pk)
    actions.submit(actor=user, submission=submission)
    messages.success(request, _("Đã gửi báo cáo."))
    return redirect("reporting:submission_detail", pk=submission.pk)


@login_required
@require_POST
@refusal_shown("reporting:submission_detail")
def submission_accept(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    submission = access.get_received_submission_for_user(user, pk)
    actions.accept(actor=user, submission=submission)
    messages.success(request, _("Đã tiếp nhận báo cáo; báo cáo được khóa."))
    return redirect("reporting:submission_detail", pk=submission.pk)


@login_required
@require_POST
@refusal_shown("reporting:submission_detail")
def submission_return(request: HttpRequest, pk: int) -> HttpResponse:
    """Return a submitted report, or reopen an accepted one: both need a reason."""
    user = user_of(request)
    submission = access.get_received_submission_for_user(user, pk)
    form = CommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    if submission.state == Submission.State.ACCEPTED:
        actions.reopen(actor=user, submission=submission, reason=comment)
    else:
        actions.return_report(actor=user, submission=submission, comment=comment)
    messages.success(request, _("Đã trả lại báo cáo cho đơn vị báo cáo."))
    return redirect("reporting:submission_detail", pk=submission.pk)
