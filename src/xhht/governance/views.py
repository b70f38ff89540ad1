"""Inspection pages: the list (what the user inspects, what they owe, what waits for closing),
planning one, an inspection's page with its visits and recommendations, a recommendation's page
with its follow-ups and the forms to answer, close or reopen, and the evidence files. Records are
fetched only through ``governance.access``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from xhht.accounts.access import Capability, can, require
from xhht.core import files
from xhht.core.http import user_of
from xhht.core.workflow import StepRefused, refusal_shown, show_refusal
from xhht.governance import access, actions
from xhht.governance.forms import (
    AnswerForm,
    ConclusionForm,
    InspectionForm,
    RecommendationForm,
    VisitForm,
)
from xhht.governance.models import InspectionPlan, Recommendation
from xhht.reporting.models import Task
from xhht.reporting.periods import today

PAGE_SIZE = 25


@require_safe
@login_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.VIEW)
    day = today()
    inspections = InspectionPlan.objects.visible_to(user).select_related("place", "inspector_body")
    page = Paginator(inspections, PAGE_SIZE).get_page(request.GET.get("page"))
    related = ("inspection", "place", "body")
    owed = (
        Recommendation.objects.owed_by(user)
        .exclude(state=Recommendation.State.CLOSED)
        .select_related(*related)[:PAGE_SIZE]
    )
    waiting = (
        Recommendation.objects.closable_by(user)
        .filter(state=Recommendation.State.ANSWERED)
        .select_related(*related)[:PAGE_SIZE]
    )
    context = {
        "page": page,
        "owed": owed,
        "waiting": waiting,
        "day": day,
        "can_plan": can(user, Capability.INSPECT),
    }
    return render(request, "governance/inspection_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def inspection_create(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.INSPECT)
    form = InspectionForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            inspection = actions.plan_inspection(actor=user, **form.cleaned_data)
        except StepRefused as refusal:
            show_refusal(request, refusal)
        else:
            messages.success(request, _("Đã lập kế hoạch kiểm tra."))
            return redirect("governance:inspection_detail", pk=inspection.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "governance/inspection_form.html", {"form": form}, status=status)


@require_safe
@login_required
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    inspection = access.get_inspection_for_user(user, pk)
    recommendations = inspection.recommendations.select_related("place", "body")
    context = {
        "inspection": inspection,
        "places": inspection.inspected_places.order_by("sort_key"),
        "bodies": inspection.inspected_bodies.order_by("name"),
        "tasks": inspection.tasks.select_related("lead_body"),
        # A task is linked only for who may open it (the inspected commune may not see a
        # province body's task).
        "visible_tasks": set(
            Task.objects.visible_to(user)
            .filter(pk__in=inspection.tasks.values("pk"))
            .values_list("pk", flat=True)
        ),
        "visits": inspection.visits.select_related("inspected_place", "inspected_body"),
        "recommendations": recommendations,
        "day": today(),
        "may_inspect": access.may_inspect(user, inspection),
    }
    return render(request, "governance/inspection_detail.html", context)


def _inspector_form(
    request: HttpRequest, pk: int, form_class: type[VisitForm] | type[RecommendationForm]
) -> tuple[InspectionPlan, VisitForm | RecommendationForm]:
    user = user_of(request)
    inspection = access.get_inspection_for_user(user, pk)
    if not access.may_inspect(user, inspection):
        raise PermissionDenied
    form = form_class(request.POST or None, request.FILES or None, inspection=inspection)
    return inspection, form


@login_required
@require_http_methods(["GET", "POST"])
def visit_add(request: HttpRequest, pk: int) -> HttpResponse:
    inspection, form = _inspector_form(request, pk, VisitForm)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_visit(
                actor=user_of(request),
                inspection=inspection,
                date=data["date"],
                members=data["members"],
                findings=data["findings"],
                inspected_place=data["place"],
                inspected_body=data["body"],
                evidence=data["evidence"],
            )
        except StepRefused as refusal:
            show_refusal(request, refusal)
        else:
            messages.success(request, _("Đã ghi đợt kiểm tra."))
            return redirect("governance:inspection_detail", pk=inspection.pk)
    context = {"inspection": inspection, "form": form, "title": _("Ghi đợt kiểm tra")}
    status = 400 if request.method == "POST" else 200
    return render(request, "governance/inspection_step.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_add(request: HttpRequest, pk: int) -> HttpResponse:
    inspection, form = _inspector_form(request, pk, RecommendationForm)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.recommend(
                actor=user_of(request),
                inspection=inspection,
                text=data["text"],
                deadline=data["deadline"],
                place=data["place"],
                body=data["body"],
            )
        except StepRefused as refusal:
            show_refusal(request, refusal)
        else:
            messages.success(request, _("Đã ghi kiến nghị."))
            return redirect("governance:inspection_detail", pk=inspection.pk)
    context = {"inspection": inspection, "form": form, "title": _("Ghi kiến nghị")}
    status = 400 if request.method == "POST" else 200
    return render(request, "governance/inspection_step.html", context, status=status)


@require_safe
@login_required
def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    recommendation = access.get_recommendation_for_user(user, pk)
    closed = recommendation.state == Recommendation.State.CLOSED
    inspector = access.may_close(user, recommendation)
    context = {
        "recommendation": recommendation,
        "inspection": recommendation.inspection,
        "follow_ups": recommendation.follow_ups.select_related("author"),
        "overdue": recommendation.is_overdue(today()),
        # The inspected side answers, or closes it once carried out; the inspector concludes
        # and may open an answered or closed one again (a hamlet inspected by its commune has
        # no one else: the inspector closes it once seen done).
        "answer_form": None
        if closed or inspector or not access.may_answer(user, recommendation)
        else AnswerForm(),
        "conclusion_form": ConclusionForm() if inspector else None,
    }
    return render(request, "governance/recommendation_detail.html", context)


@require_POST
@login_required
@refusal_shown("governance:recommendation_detail")
def recommendation_answer(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    recommendation = access.get_recommendation_for_user(user, pk)
    if not access.may_answer(user, recommendation):
        raise PermissionDenied
    form = AnswerForm(request.POST, request.FILES)
    if not form.is_valid():
        raise StepRefused(_("Hãy ghi kết quả thực hiện kiến nghị."))
    done = request.POST.get("decision") == "done"
    step = actions.complete_recommendation if done else actions.answer_recommendation
    step(
        actor=user,
        recommendation=recommendation,
        note=form.cleaned_data["note"],
        evidence=form.cleaned_data["evidence"],
    )
    if done:
        messages.success(request, _("Đã đóng kiến nghị: đã thực hiện xong."))
    else:
        messages.success(request, _("Đã gửi kết quả thực hiện kiến nghị."))
    return redirect("governance:recommendation_detail", pk=pk)


@require_POST
@login_required
@refusal_shown("governance:recommendation_detail")
def recommendation_conclude(request: HttpRequest, pk: int) -> HttpResponse:
    """The inspector closes the recommendation (``close``) or opens an answered or closed one
    again (``reopen``)."""
    user = user_of(request)
    recommendation = access.get_recommendation_for_user(user, pk)
    if not access.may_close(user, recommendation):
        raise PermissionDenied
    form = ConclusionForm(request.POST)
    if not form.is_valid():
        raise StepRefused(_("Hãy ghi kết luận của đoàn kiểm tra."))
    note = form.cleaned_data["note"]
    if request.POST.get("decision") == "reopen":
        actions.reopen_recommendation(actor=user, recommendation=recommendation, note=note)
        messages.success(request, _("Đã yêu cầu tiếp tục thực hiện kiến nghị."))
    else:
        actions.close_recommendation(actor=user, recommendation=recommendation, note=note)
        messages.success(request, _("Đã kết luận kiến nghị hoàn thành."))
    return redirect("governance:recommendation_detail", pk=pk)


@require_http_methods(["GET", "HEAD"])
@login_required
def visit_evidence(request: HttpRequest, pk: int) -> FileResponse:
    visit = access.get_visit_for_user(user_of(request), pk)
    if not visit.evidence:
        raise Http404
    return files.download(
        visit.evidence,
        content_type=visit.evidence_type,
        filename=visit.evidence_name or visit.evidence.name.rsplit("/", 1)[-1],
    )


@require_http_methods(["GET", "HEAD"])
@login_required
def follow_up_evidence(request: HttpRequest, pk: int) -> FileResponse:
    follow_up = access.get_follow_up_for_user(user_of(request), pk)
    if not follow_up.evidence:
        raise Http404
    return files.download(
        follow_up.evidence,
        content_type=follow_up.evidence_type,
        filename=follow_up.evidence_name or follow_up.evidence.name.rsplit("/", 1)[-1],
    )
