"""The consolidated report: ask for it, watch it being built (htmx), download DOCX/XLSX/PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from xhht.accounts.access import Capability
from xhht.core import nd30
from xhht.core.downloads import file_name, file_response
from xhht.core.http import user_of
from xhht.reporting import access, consolidate
from xhht.reporting.forms import ConsolidationForm
from xhht.reporting.models import Consolidation, ReportingPeriod
from xhht.reporting.periods import today

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _initial(period: ReportingPeriod) -> dict[str, object]:
    report_type = period.report_type
    return {
        "issuing_body": report_type.receiver_body,
        "place_name": nd30.place_name(report_type.place.name),
        "issued_on": today(),
        "title": _("Tổng hợp %(name)s, %(label)s")
        % {"name": report_type.name, "label": period.label.lower()},
        "recipients": f"{report_type.receiver_text or 'Ủy ban nhân dân'}\nLưu: VT",
    }


@login_required
@require_http_methods(["GET", "POST"])
def consolidate_period(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    period = access.get_period_for_user(user, pk, Capability.RECEIVE_REPORTS)
    form = ConsolidationForm(request.POST or None, user=user, initial=_initial(period))
    if request.method == "POST" and form.is_valid():
        consolidation: Consolidation = form.save(commit=False)
        consolidation.period = period
        consolidation.place = period.report_type.place
        consolidation = consolidate.start(actor=user, consolidation=consolidation)
        messages.success(request, _("Đang tổng hợp báo cáo; trang sẽ tự cập nhật tiến độ."))
        return redirect("reporting:consolidation_detail", pk=consolidation.pk)
    return render(request, "reporting/consolidate_form.html", {"form": form, "period": period})


@require_safe
@login_required
def consolidation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    consolidation = consolidate.refreshed(access.get_consolidation_for_user(user, pk))
    template = (
        "reporting/_progress.html"
        if request.htmx  # type: ignore[attr-defined]  # set by django-htmx's middleware
        else "reporting/consolidation_detail.html"
    )
    return render(request, template, {"c": consolidation})


@require_safe
@login_required
def consolidation_file(request: HttpRequest, pk: int, fmt: str) -> FileResponse:
    user = user_of(request)
    consolidation = access.get_consolidation_for_user(user, pk)
    if fmt not in CONTENT_TYPES:
        raise Http404
    stored = getattr(consolidation, fmt)
    if not stored:
        raise Http404
    name = file_name("bao-cao", consolidation.number, extension=fmt)
    return file_response(stored.open("rb"), filename=name, content_type=CONTENT_TYPES[fmt])
