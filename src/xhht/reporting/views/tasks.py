"""Task pages: the list (overdue flagged), one task with its progress, adding a task."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from xhht.accounts.access import Capability, require
from xhht.core import files
from xhht.core.http import user_of
from xhht.core.workflow import refusal_shown
from xhht.reporting import access
from xhht.reporting.actions import update_task
from xhht.reporting.forms import TaskForm, TaskUpdateForm
from xhht.reporting.models import Task
from xhht.reporting.periods import today


@require_safe
@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.VIEW)
    tasks = (
        Task.objects.visible_to(user)
        .select_related("lead_body", "place")
        .prefetch_related("supporting_bodies")
    )
    day = today()
    only_overdue = request.GET.get("overdue") == "1"
    rows = [(task, task.due_on(day), task.is_overdue(day)) for task in tasks]
    if only_overdue:
        rows = [row for row in rows if row[2]]
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "reporting/task_list.html",
        {
            "page": page,
            "only_overdue": only_overdue,
            "can_create": access.acts_at_any(user, Capability.MANAGE_PLANS),
        },
    )


@require_safe
@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    task = access.get_task_for_user(user, pk)
    day = today()
    context = {
        "task": task,
        "supporting": task.supporting_bodies.all(),
        "targets": task.targets.select_related("indicator"),
        "updates": task.updates.select_related("author", "body"),
        "overdue": task.is_overdue(day),
        "due": task.due_on(day),
        "form": TaskUpdateForm(initial={"status": task.status}),
        "can_update": access.can_update_task(user, task),
    }
    return render(request, "reporting/task_detail.html", context)


@login_required
@require_POST
@refusal_shown("reporting:task_detail")
def task_update(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    task = access.get_updatable_task_for_user(user, pk)
    form = TaskUpdateForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn tình trạng và ghi tiến độ thực hiện."))
        return redirect("reporting:task_detail", pk=task.pk)
    update_task(
        actor=user,
        task=task,
        status=form.cleaned_data["status"],
        note=form.cleaned_data["note"],
        evidence=form.cleaned_data["evidence"],
    )
    messages.success(request, _("Đã cập nhật tiến độ."))
    return redirect("reporting:task_detail", pk=task.pk)


@login_required
@require_http_methods(["GET", "POST"])
def task_create(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    if not access.acts_at_any(user, Capability.MANAGE_PLANS):
        raise PermissionDenied
    form = TaskForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        task = form.save()
        messages.success(request, _("Đã thêm nhiệm vụ."))
        return redirect("reporting:task_detail", pk=task.pk)
    return render(request, "reporting/task_form.html", {"form": form})


@require_http_methods(["GET", "HEAD"])
@login_required
def task_evidence(request: HttpRequest, pk: int) -> FileResponse:
    """The evidence of a progress note, for whoever may see the task (never a public URL)."""
    update = access.get_task_update_for_user(user_of(request), pk)
    if not update.evidence:
        raise Http404
    return files.download(
        update.evidence,
        content_type=update.evidence_type,
        filename=update.evidence_name or update.evidence.name.rsplit("/", 1)[-1],
    )
