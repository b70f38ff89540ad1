"""The yearly membership figures of the user's scope (per branch and per level) and their XLSX
export; entering a year's totals for a branch that keeps no member list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from xhht.accounts.access import home_place, require
from xhht.accounts.models import User
from xhht.association import actions
from xhht.association.access import MANAGE, READ, get_branch_for_user
from xhht.association.figures import figures_sheet, grand_total, level_totals, year_figures
from xhht.association.forms import FigureForm, refused_on
from xhht.association.models import Branch
from xhht.core.http import user_of, xlsx_response
from xhht.core.sheet_writing import workbook_bytes
from xhht.core.workflow import StepRefused

#: Years offered on the figures page (this one and the ones before).
YEARS_SHOWN = 10


def _year(request: HttpRequest) -> int:
    this_year = timezone.localdate().year
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() else this_year
    return year if this_year - 50 <= year <= this_year else this_year


def _branches(user: User) -> QuerySet[Branch]:
    return Branch.objects.visible_to(user, READ).order_by("place__path", "kind", "sort_key", "pk")


@require_safe
@login_required
def figures(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, READ)
    year = _year(request)
    rows = year_figures(_branches(user), year)
    levels = level_totals(rows)
    this_year = timezone.localdate().year
    context = {
        "year": year,
        "years": range(this_year, this_year - YEARS_SHOWN, -1),
        "levels": levels,
        "total": grand_total(levels),
    }
    return render(request, "association/figures.html", context)


@require_safe
@login_required
def figures_export(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, READ)
    year = _year(request)
    rows = year_figures(_branches(user), year)
    start = home_place(user)
    where = f" — {start.name}" if start is not None else ""
    content = workbook_bytes(figures_sheet(rows, year, where))
    return xlsx_response(content, f"hoi-vien-khuyen-hoc-{year}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def figure_entry(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    branch = get_branch_for_user(user, pk, MANAGE)
    initial = {"year": timezone.localdate().year}
    form = FigureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_figure(user=user, branch=branch, **form.cleaned_data)
        except StepRefused as refusal:
            refused_on(form, refusal)
        else:
            messages.success(request, _("Đã lưu số liệu năm %(year)s.") % form.cleaned_data)
            return redirect("association:branch_detail", pk=branch.pk)
    return render(request, "association/figure_form.html", {"form": form, "branch": branch})
