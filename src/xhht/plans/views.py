"""Plans: the list, one plan, and importing a plan document (upload, then confirm)."""

from __future__ import annotations

import mimetypes
import uuid
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models.functions import Length
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from xhht.accounts.access import Capability, can, require, visible_places
from xhht.core import files
from xhht.core.http import user_of
from xhht.core.text import fold, sort_key
from xhht.places.models import Level, Place, current_places_for
from xhht.plans import proposed
from xhht.plans.actions import (
    PlanData,
    PlanError,
    ReportData,
    TargetData,
    TaskData,
    bodies_above,
    create_plan,
)
from xhht.plans.forms import (
    ParentForm,
    PlanHeaderForm,
    PlanUploadForm,
    ReportFormSet,
    TargetFormSet,
    TaskFormSet,
    deadline_words,
    split_names,
)
from xhht.plans.importer import DocumentError, read_and_propose
from xhht.plans.models import Plan, Target

SESSION_KEY = "plan_import"


@require_safe
@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.VIEW)
    plans = Plan.objects.visible_to(user).select_related("place")[:200]
    context = {"plans": plans, "can_import": can(user, Capability.MANAGE_PLANS)}
    return render(request, "plans/index.html", context)


@require_safe
@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    plan = get_object_or_404(Plan.objects.visible_to(user).select_related("place", "parent"), pk=pk)
    targets = list(plan.targets.select_related("indicator", "parent"))
    sub_plans = list(Plan.objects.visible_to(user).filter(parent=plan).select_related("place"))
    context = {
        "plan": plan,
        "targets": targets,
        "parent": plan.parent if plan.parent and _sees(user, plan.parent) else None,
        "sub_plans": sub_plans,
        "comparison": compare_targets(targets, sub_plans),
        "successors": [] if plan.place.is_current else current_places_for(plan.place),
        "tasks": plan.tasks.select_related("lead_body").order_by("lead_body__name", "id"),
        # Every task is listed; only those the user may open are links (reporting's own rule).
        "task_links": set(plan.tasks.visible_to(user).values_list("pk", flat=True)),
        "progress_place": progress_place(user, plan.place),
    }
    return render(request, "plans/detail.html", context)


def progress_place(user: Any, place: Place) -> Place | None:
    """Where "Xem tiến độ" leads: the plan's place if the user sees it, else the widest place
    under it that the user sees (a commune officer follows the province plan in the commune)."""
    if can(user, Capability.VIEW, place):
        return place
    return (
        visible_places(user, Capability.VIEW)
        .current()
        .filter(path__startswith=place.path)
        .order_by(Length("path"), "pk")
        .first()
    )


@require_safe
@login_required
def source_document(request: HttpRequest, pk: int) -> FileResponse:
    """The plan's uploaded document, to whoever may see the plan (never a public /media/ URL)."""
    plan = get_object_or_404(Plan.objects.visible_to(user_of(request)), pk=pk)
    if not plan.source_document:
        raise Http404
    name = plan.source_name or plan.source_document.name.rsplit("/", 1)[-1]
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return files.download(plan.source_document, content_type=content_type, filename=name)


def _sees(user: Any, plan: Plan) -> bool:
    return Plan.objects.visible_to(user).filter(pk=plan.pk).exists()


def compare_targets(targets: list[Target], sub_plans: list[Plan]) -> list[dict[str, Any]]:
    """The parent's targets beside its sub-plans' on the same indicator and year: one row per
    parent target, one cell per sub-plan (None where the sub-plan sets none)."""
    if not sub_plans:
        return []
    theirs = {
        (t.plan_id, t.indicator_id, t.year): t
        for t in Target.objects.filter(plan__in=sub_plans).select_related("indicator")
    }
    return [
        {
            "target": target,
            "cells": [theirs.get((sub.pk, target.indicator_id, target.year)) for sub in sub_plans],
        }
        for target in targets
    ]


def _manageable_places(request: HttpRequest) -> Any:
    return (
        visible_places(user_of(request), Capability.MANAGE_PLANS)
        .current()
        .filter(level__in=[Level.PROVINCE, Level.DISTRICT, Level.COMMUNE])
        .order_by("depth", "sort_key")
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_plan(request: HttpRequest) -> HttpResponse:
    require(user_of(request), Capability.MANAGE_PLANS)
    places = _manageable_places(request)
    form = PlanUploadForm(request.POST or None, request.FILES or None, places=places)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            proposal = read_and_propose(data, upload.name)
        except DocumentError as error:
            form.add_error("file", str(error))
        else:
            stored = default_storage.save(
                f"plans/{uuid.uuid4().hex}-{upload.name[-80:]}", ContentFile(data)
            )
            request.session[SESSION_KEY] = {
                "place": form.cleaned_data["place"].pk,
                "file": stored,
                "name": upload.name,
                "proposal": proposal.to_json(),
                "text": data.decode("utf-8", errors="replace")
                if upload.name.endswith(".txt")
                else "",
            }
            return redirect("plans:confirm")
    return render(request, "plans/import.html", {"form": form})


def _target_initial(proposal: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "keep": True,
            "indicator": t.get("indicator") or None,
            "year": t["year"],
            "kind": t["kind"],
            "value": Decimal(t["value"]) if t.get("value") is not None else None,
            "parent": t.get("parent") or "",
            "text": t.get("text", ""),
        }
        for t in proposal["targets"]
    ]


def _task_initial(work: proposed.Proposed) -> list[dict[str, Any]]:
    """Every proposed task, grouped by lead body (in the order the plan names them); the tasks
    without a body last, for the officer to assign."""
    unassigned = [TaskData(text=text, lead="") for text in work.unassigned_tasks]
    order = {name: i for i, name in enumerate(dict.fromkeys(t.lead for t in work.data.tasks))}
    tasks = sorted(work.data.tasks, key=lambda t: order[t.lead]) + unassigned
    return [
        {
            "keep": bool(task.lead),
            "lead": task.lead,
            "supporting": "; ".join(task.supporting),
            "text": task.text,
            "deadline": deadline_words(task),
            "group": task.group,
            "targets": ",".join(task.targets),
        }
        for task in tasks
    ]


def _report_initial(work: proposed.Proposed) -> list[dict[str, Any]]:
    return [
        {
            "keep": True,
            "name": report.name,
            "reporters": "; ".join(report.reporters),
            "receiver": report.receiver,
            "frequency": report.frequency,
            "due": f"{report.due_day:02d}/{report.due_month:02d}",
            "first_year": report.first_year,
            "first_due": report.first_due,
            "receiver_body": report.receiver_body,
            "reporter_level": report.reporter_level,
            "due_days_after": report.due_days_after,
            "text": report.text,
        }
        for report in work.data.reports
    ]


def _header_initial(work: proposed.Proposed, place: Place) -> dict[str, Any]:
    data = work.data
    return {
        "number": data.number,
        "date": data.date,
        "title": data.title,
        "issuer": place.name,
        "period_start": data.period_start,
        "period_end": data.period_end,
    }


def _chosen_targets(targets: Any) -> list[TargetData]:
    return [
        TargetData(
            indicator=f["indicator"].code,
            year=f["year"],
            value=f["value"],
            kind=f["kind"],
            text=f["text"],
            parent=f["parent"] or None,
        )
        for f in targets.cleaned_data
        if f and f.get("keep")
    ]


def _chosen_tasks(tasks: Any) -> list[TaskData]:
    return [
        TaskData(
            text=f["text"].strip(),
            lead=f["lead"].strip(),
            supporting=split_names(f["supporting"]),
            group=f["group"],
            targets=[code for code in f["targets"].split(",") if code],
            **f["deadline_fields"],
        )
        for f in tasks.cleaned_data
        if f and f.get("keep")
    ]


def _chosen_reports(reports: Any) -> list[ReportData]:
    return [
        ReportData(
            name=f["name"].strip(),
            reporters=split_names(f["reporters"]),
            reporter_level=f["reporter_level"],
            receiver=f["receiver"].strip(),
            receiver_body=f["receiver_body"].strip(),
            frequency=f["frequency"],
            due_day=f["due_day"],
            due_month=f["due_month"],
            due_days_after=f["due_days_after"] or 10,
            first_year=f["first_year"],
            first_due=f["first_due"],
            text=f["text"],
        )
        for f in reports.cleaned_data
        if f and f.get("keep")
    ]


def _parent_choices(user: Any, place: Place) -> Any:
    """Plans the user sees at the plan's place or above: those it may carry out."""
    return Plan.objects.visible_to(user).filter(place_id__in=place.path_ids()).order_by("-date")


@login_required
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.MANAGE_PLANS)
    pending = request.session.get(SESSION_KEY)
    if not pending:
        messages.error(request, _("Chưa có văn bản nào đang chờ xác nhận; hãy tải lên trước."))
        return redirect("plans:import")
    place = get_object_or_404(_manageable_places(request), pk=pending["place"])
    proposal = pending["proposal"]
    work = proposed.plan_from(proposal, place, text=pending.get("text", ""))
    post = request.POST or None
    header = PlanHeaderForm(post, initial=_header_initial(work, place))
    targets = TargetFormSet(post, initial=_target_initial(proposal), prefix="t")
    tasks = TaskFormSet(post, initial=_task_initial(work), prefix="k")
    reports = ReportFormSet(post, initial=_report_initial(work), prefix="r")
    parent = ParentForm(
        post, initial={"parent": work.data.parent}, plans=_parent_choices(user, place)
    )
    forms_valid = all([f.is_valid() for f in (header, targets, tasks, reports, parent)])
    if request.method == "POST" and forms_valid:
        h = header.cleaned_data
        bodies, chosen_tasks, chosen_reports = proposed.work_from(
            _chosen_tasks(tasks),
            _chosen_reports(reports),
            place,
            preferred=proposal.get("bodies") or [],
        )
        data = PlanData(
            place=place,
            number=h["number"],
            date=h["date"],
            issuer=h["issuer"],
            title=h["title"],
            period_start=h["period_start"],
            period_end=h["period_end"],
            targets=_chosen_targets(targets),
            source_text=pending.get("text", ""),
            source_name=pending["name"],
            source_path=pending["file"],
            bodies=bodies,
            tasks=chosen_tasks,
            reports=chosen_reports,
            parent=parent.cleaned_data["parent"],
        )
        try:
            plan = create_plan(user=user, data=data)
        except PlanError as exc:
            messages.error(request, str(exc))
        else:
            del request.session[SESSION_KEY]
            messages.success(
                request,
                _(
                    "Đã lưu kế hoạch với %(targets)s chỉ tiêu, %(tasks)s nhiệm vụ của %(bodies)s cơ quan và %(reports)s loại báo cáo."
                )
                % {
                    "targets": len(data.targets),
                    "tasks": len(chosen_tasks),
                    "bodies": len(bodies),
                    "reports": len(chosen_reports),
                },
            )
            return redirect("plans:detail", pk=plan.pk)
    elif request.method == "POST":
        messages.error(request, _("Có chỗ chưa đúng; xem các ô được đánh dấu bên dưới."))
    context = {
        "header": header,
        "targets": targets,
        "tasks": tasks,
        "reports": reports,
        "parent": parent,
        "bodies": work.data.bodies,
        "known_bodies": sorted(
            {b.name for b in bodies_above(place)} - {b.name for b in work.data.bodies},
            key=sort_key,
        ),
        "unmapped": len(work.unmapped_targets),
        "unassigned": len(work.unassigned_tasks),
        "place": place,
        "name": pending["name"],
        "folded": fold(pending["name"]),
    }
    return render(request, "plans/confirm.html", context)
