"""The institution registry: scoped list (kind, place, status, search without diacritics),
detail (equipment, classes), create and edit (one column on a phone), XLSX export, import and
template. Every centre is fetched through ``access.get_centre_for_user`` or ``visible_to``."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from xhht.accounts.access import Capability, can, home_place, require
from xhht.centres import centre_sheets
from xhht.centres.access import get_centre_for_user
from xhht.centres.forms import CentreFilter, CentreForm
from xhht.centres.models import Centre
from xhht.core.http import user_of, xlsx_response
from xhht.core.sheets import workbook_bytes
from xhht.place_pages.forms import SheetUploadForm

PAGE_SIZE = 50
#: Classes shown on a centre's page (the newest first); the classes list has them all.
DETAIL_CLASSES = 50


@require_safe
@login_required
def centre_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.VIEW)
    rows = Centre.objects.visible_to(user).select_related("place", "managing_body")
    filterset = CentreFilter(
        request.GET or None, queryset=rows.order_by("sort_key", "id"), request=request
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "page": page,
        "can_manage": can(user, Capability.MANAGE_CENTRES),
    }
    template = "centres/_centre_rows.html" if request.htmx else "centres/centre_list.html"  # type: ignore[attr-defined]  # set by django-htmx's middleware
    return render(request, template, context)


@require_safe
@login_required
def centre_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    centre = get_centre_for_user(user, pk)
    classes = (
        centre.classes.select_related("topic")
        .annotate(participant_count=Count("participations"))
        .order_by("-start_date", "-id")
    )
    context = {
        "centre": centre,
        "classes": classes[:DETAIL_CLASSES],
        "class_count": centre.classes.count(),
        "can_edit": can(user, Capability.MANAGE_CENTRES, centre.place),
        "can_add_class": can(user, Capability.MANAGE_CLASSES, centre.place),
    }
    return render(request, "centres/centre_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def centre_create(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.MANAGE_CENTRES)
    form = CentreForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            centre = form.save()
        messages.success(request, _("Đã thêm “%(name)s”.") % {"name": centre})
        return redirect("centres:centre_detail", pk=centre.pk)
    return render(request, "centres/centre_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def centre_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    centre = get_centre_for_user(user, pk, Capability.MANAGE_CENTRES)
    form = CentreForm(request.POST or None, instance=centre, user=user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
        messages.success(request, _("Đã lưu “%(name)s”.") % {"name": saved})
        return redirect("centres:centre_detail", pk=saved.pk)
    return render(request, "centres/centre_form.html", {"form": form, "centre": centre})


@require_safe
@login_required
def centre_export(request: HttpRequest) -> HttpResponse:
    """The filtered list, in the columns the import reads back."""
    user = user_of(request)
    require(user, Capability.VIEW)
    rows = Centre.objects.visible_to(user).order_by("sort_key", "id")
    filterset = CentreFilter(request.GET or None, queryset=rows, request=request)
    start = home_place(user)
    where = f" — {start.name}" if start is not None else ""
    sheet = centre_sheets.export_sheet(filterset.qs, where)
    return xlsx_response(workbook_bytes([sheet]), "co-so-hoc-tap.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def centre_import(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.MANAGE_CENTRES)
    form = SheetUploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = centre_sheets.import_centres(
            user=user, upload=form.cleaned_data["file"], max_bytes=settings.XHHT_MAX_SHEET_BYTES
        )
        if result.ok:
            messages.success(
                request,
                _("Đã nhập: %(created)s cơ sở mới, %(updated)s cập nhật, %(unchanged)s không đổi.")
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )
            return redirect("centres:centre_list")
    status = 400 if result is not None and not result.ok else 200
    return render(
        request, "centres/centre_import.html", {"form": form, "result": result}, status=status
    )


@require_safe
@login_required
def centre_template(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.MANAGE_CENTRES)
    start = home_place(user)
    example = start.code if start is not None else "31135"
    sheet = centre_sheets.template_sheet(example)
    return xlsx_response(workbook_bytes([sheet]), "mau-nhap-co-so-hoc-tap.xlsx")
