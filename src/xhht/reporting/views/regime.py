"""Report types (the regime as data), their template sections, periods and reporting rates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from xhht.accounts.access import Capability, require
from xhht.core.http import user_of
from xhht.core.workflow import refusal_shown
from xhht.reporting import access
from xhht.reporting.actions import open_period
from xhht.reporting.forms import PeriodForm, ReportTypeForm, SectionForm
from xhht.reporting.models import ReportSection, ReportType, TableRow
from xhht.reporting.rates import percent, period_rates


@require_safe
@login_required
def type_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.VIEW)
    types = ReportType.objects.visible_to(user).select_related("place", "receiver_body")
    return render(
        request,
        "reporting/type_list.html",
        {"types": types, "can_create": access.acts_at_any(user, Capability.MANAGE_PLANS)},
    )


@require_safe
@login_required
def type_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    report_type = access.get_report_type_for_user(user, pk)
    sections = report_type.sections.prefetch_related("rows__indicator")
    context = {
        "type": report_type,
        "sections": sections,
        "reporter_bodies": report_type.reporter_bodies.all(),
        "periods": report_type.periods.all(),
        "can_manage": access.can_manage_plans(user, report_type),
        "can_receive": access.acts_at(user, Capability.RECEIVE_REPORTS, report_type.place),
        "section_form": SectionForm(),
        "period_form": PeriodForm(),
    }
    return render(request, "reporting/type_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def type_create(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    if not access.acts_at_any(user, Capability.MANAGE_PLANS):
        raise PermissionDenied
    form = ReportTypeForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        report_type = form.save()
        messages.success(request, _("Đã thêm loại báo cáo; hãy thêm các mục của mẫu báo cáo."))
        return redirect("reporting:type_detail", pk=report_type.pk)
    return render(request, "reporting/type_form.html", {"form": form})


@login_required
@require_POST
def section_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    report_type = access.get_report_type_for_user(user, pk, Capability.MANAGE_PLANS)
    form = SectionForm(request.POST)
    if not form.is_valid():
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else None
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else str(error))
        return redirect("reporting:type_detail", pk=report_type.pk)
    if report_type.periods.exists():
        messages.error(request, _("Loại báo cáo đã có kỳ báo cáo được mở nên không thêm mục được."))
        return redirect("reporting:type_detail", pk=report_type.pk)
    data = form.cleaned_data
    with transaction.atomic():
        section = ReportSection.objects.create(
            report_type=report_type,
            order=report_type.sections.count() + 1,
            kind=data["kind"],
            title=data["title"],
            guidance=data["guidance"],
        )
        for order, (label, unit, indicator) in enumerate(data["parsed_rows"], start=1):
            TableRow.objects.create(
                section=section, order=order, label=label, unit=unit, indicator=indicator
            )
    messages.success(request, _("Đã thêm mục “%(title)s”.") % {"title": section.title})
    return redirect("reporting:type_detail", pk=report_type.pk)


@login_required
@require_POST
@refusal_shown("reporting:type_detail")
def period_open(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    report_type = access.get_report_type_for_user(user, pk, Capability.MANAGE_PLANS)
    form = PeriodForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy nhập năm và kỳ báo cáo hợp lệ."))
        return redirect("reporting:type_detail", pk=report_type.pk)
    period = open_period(actor=user, report_type=report_type, **form.cleaned_data)
    messages.success(
        request,
        _("Đã mở kỳ “%(label)s”: %(n)s báo cáo cần gửi.")
        % {"label": period.label, "n": period.submissions.count()},
    )
    return redirect("reporting:completeness", pk=period.pk)


@require_safe
@login_required
def completeness(request: HttpRequest, pk: int) -> HttpResponse:
    """Expected, submitted and on-time reports of a period, in total, by level and by reporter."""
    user = user_of(request)
    period = access.get_period_for_user(user, pk, Capability.RECEIVE_REPORTS)
    rates = period_rates(period)
    rows = [
        {
            "rate": rate,
            "completeness": percent(rate.completeness),
            "timeliness": percent(rate.timeliness),
        }
        for rate in [rates.total, *rates.by_level]
    ]
    context = {
        "period": period,
        "rows": rows,
        "submissions": rates.total.submissions,
        "consolidations": period.consolidations.all()[:10],
    }
    return render(request, "reporting/completeness.html", context)
