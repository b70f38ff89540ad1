"""Budget pages: a plan's budget beside its tasks' progress (one query for the amounts), the form
to enter a plan's or task's line, and the roll-up of a place (one query)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from xhht.accounts.access import Capability, get_place_for_user, home_place, require
from xhht.core.http import user_of
from xhht.core.workflow import StepRefused, show_refusal
from xhht.governance import access, budgets
from xhht.governance.forms import BudgetForm
from xhht.governance.models import BudgetLine, Source
from xhht.places.models import Place
from xhht.reporting.periods import today

#: The most tasks shown on a plan's budget page.
MAX_TASKS = 300


@require_safe
@login_required
def plan_budget(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    plan = access.get_plan_for_user(user, pk)
    amounts = budgets.plan_amounts(plan)
    day = today()
    editable = {t.pk for t in access.budget_tasks(user, plan)}
    tasks = plan.tasks.select_related("lead_body").order_by("group", "pk")[:MAX_TASKS]
    rows = [
        {
            "task": t,
            "amounts": amounts.get(t.pk, budgets.Amounts()),
            "overdue": t.is_overdue(day),
            "editable": t.pk in editable,
        }
        for t in tasks
    ]
    total = budgets.Amounts(
        planned=sum(a.planned for a in amounts.values()),
        spent=sum(a.spent for a in amounts.values()),
    )
    context = {
        "plan": plan,
        "rows": rows,
        "own": amounts.get(None, budgets.Amounts()),
        "total": total,
        "sources": Source.choices,
        "may_budget_plan": access.may_budget_plan(user, plan),
    }
    return render(request, "governance/plan_budget.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def budget_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A line of the plan (no ``?task=``) or of one of its tasks."""
    user = user_of(request)
    plan = access.get_plan_for_user(user, pk)
    task_id = request.GET.get("task", "")
    task = None
    if task_id:
        if not task_id.isdigit() or len(task_id) > 12:
            raise PermissionDenied
        tasks = {t.pk: t for t in access.budget_tasks(user, plan)}
        task = tasks.get(int(task_id))
        if task is None:
            raise PermissionDenied
    elif not access.may_budget_plan(user, plan):
        raise PermissionDenied
    initial = {"year": min(max(today().year, plan.period_start), plan.period_end)}
    form = BudgetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            budgets.set_budget(actor=user, plan=plan, task=task, **form.cleaned_data)
        except StepRefused as refusal:
            show_refusal(request, refusal)
        else:
            messages.success(request, _("Đã lưu kinh phí."))
            return redirect("governance:plan_budget", pk=plan.pk)
    lines = BudgetLine.objects.filter(plan=plan, task=task).order_by("year", "source")
    context = {"plan": plan, "task": task, "form": form, "lines": lines}
    status = 400 if request.method == "POST" else 200
    return render(request, "governance/budget_form.html", context, status=status)


@require_safe
@login_required
def budget_rollup(request: HttpRequest) -> HttpResponse:
    """The amounts of every plan and task at a place and below, by source (``?place=``; the
    user's home place otherwise), for one year or all."""
    user = user_of(request)
    require(user, Capability.VIEW)
    place_id = request.GET.get("place", "")
    place: Place | None
    if place_id.isdigit() and len(place_id) < 12:
        place = get_place_for_user(user, int(place_id))
    else:
        place = home_place(user)
    if place is None:
        place = get_object_or_404(
            Place.objects.filter(parent__isnull=True).order_by("sort_key")[:1]
        )
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and len(year_text) == 4 else None
    amounts = budgets.place_rollup(place, year)
    rows = [(label, *amounts.by_source.get(value, (0, 0))) for value, label in Source.choices]
    context = {"place": place, "year": year, "amounts": amounts, "rows": rows}
    return render(request, "governance/budget_rollup.html", context)
