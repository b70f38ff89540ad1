"""Plans: the list, one plan, and importing a plan document (upload, then confirm)."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from xhht.accounts.access import Capability, require, visible_places
from xhht.core.http import user_of
from xhht.core.text import fold
from xhht.places.models import Level, Place
from xhht.plans.actions import PlanData, PlanError, TargetData, create_plan
from xhht.plans.forms import PlanHeaderForm, PlanUploadForm, TargetFormSet
from xhht.plans.importer import DocumentError, read_and_propose
from xhht.plans.models import Plan

SESSION_KEY = "plan_import"


@require_safe
@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.VIEW)
    plans = Plan.objects.visible_to(user).select_related("place")[:200]
    return render(request, "plans/index.html", {"plans": plans})


@require_safe
@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.visible_to(user_of(request)), pk=pk)
    targets = plan.targets.select_related("indicator", "parent")
    return render(request, "plans/detail.html", {"plan": plan, "targets": targets})


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


def _initial(pending: dict[str, Any], place: Place) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    proposal = pending["proposal"]
    years = [t["year"] for t in proposal["targets"] if t.get("year")]
    date = proposal.get("date") or ""
    start = min(years) if years else (int(date[:4]) if date else 2025)
    header = {
        "number": proposal.get("number") or "",
        "date": date,
        "title": proposal.get("title") or "",
        "issuer": place.name,
        "period_start": start,
        "period_end": max(years) if years else start,
    }
    targets = [
        {
            "keep": True,
            "indicator": t["indicator"],
            "year": t["year"],
            "kind": t["kind"],
            "value": Decimal(t["value"]) if t.get("value") is not None else None,
            "parent": t.get("parent") or "",
            "text": t.get("text", ""),
        }
        for t in proposal["targets"]
    ]
    return header, targets


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
    header_initial, target_initial = _initial(pending, place)
    header = PlanHeaderForm(request.POST or None, initial=header_initial)
    targets = TargetFormSet(request.POST or None, initial=target_initial, prefix="t")
    if request.method == "POST" and header.is_valid() and targets.is_valid():
        h = header.cleaned_data
        chosen = [
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
        data = PlanData(
            place=place,
            number=h["number"],
            date=h["date"],
            issuer=h["issuer"],
            title=h["title"],
            period_start=h["period_start"],
            period_end=h["period_end"],
            targets=chosen,
            source_text=pending.get("text", ""),
            source_name=pending["name"],
            source_path=pending["file"],
        )
        try:
            plan = create_plan(user=user, data=data)
        except PlanError as exc:
            messages.error(request, str(exc))
        else:
            del request.session[SESSION_KEY]
            messages.success(request, _("Đã lưu kế hoạch với %(n)s chỉ tiêu.") % {"n": len(chosen)})
            return redirect("plans:detail", pk=plan.pk)
    context = {
        "header": header,
        "targets": targets,
        "place": place,
        "name": pending["name"],
        "folded": fold(pending["name"]),
    }
    return render(request, "plans/confirm.html", context)
