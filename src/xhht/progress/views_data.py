"""Entered values from XLSX (template and import) and the province's boundary map."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from xhht.accounts.access import Capability, get_place_for_user
from xhht.core.downloads import file_name
from xhht.core.http import user_of, xlsx_response
from xhht.core.sheets import DECIMAL, Column, Sheet, workbook_bytes
from xhht.indicators.imports import ENTERED_COLUMNS, import_values
from xhht.indicators.models import BoundaryMap, Indicator, Measure, Source
from xhht.places.models import Level, Place
from xhht.progress.figures import children_figures
from xhht.progress.forms import BoundaryUploadForm, SheetUploadForm
from xhht.progress.geo import (
    MAX_GEOJSON_BYTES,
    GeoJSONError,
    boundary_map_for,
    legend,
    map_features,
    save_boundaries,
)
from xhht.progress.views import build_dashboard


@login_required
@require_http_methods(["GET", "POST"])
def import_values_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    place = get_place_for_user(user, pk, Capability.MANAGE_PLANS)
    form = SheetUploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = import_values(
            user=user,
            upload=form.cleaned_data["file"],
            at=place,
            max_bytes=settings.XHHT_MAX_SHEET_BYTES,
        )
        if result.ok:
            messages.success(
                request,
                _(
                    "Đã nhập: %(created)s số liệu mới, %(updated)s cập nhật, %(unchanged)s không đổi."
                )
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )
            return redirect("progress:enter", pk=place.pk)
    status = 400 if result is not None and not result.ok else 200
    return render(
        request,
        "indicators/import.html",
        {"place": place, "form": form, "result": result},
        status=status,
    )


def _entered_indicators(place: Place) -> list[Indicator]:
    province = place.ancestor_of_level(Level.PROVINCE)
    return list(
        Indicator.objects.exclude(source__in=[Source.RECOGNITIONS, Source.REGISTRY]).for_province(
            province
        )
    )


@require_safe
@login_required
def values_template(request: HttpRequest, pk: int) -> HttpResponse:
    """The import template: the columns, one example row, the indicators and the places."""
    place = get_place_for_user(user_of(request), pk, Capability.MANAGE_PLANS)
    indicators = _entered_indicators(place)
    year = timezone.localdate().year
    example = [
        place.code,
        year,
        indicators[0].code if indicators else "",
        45,
        50,
        None,
        _("Điều tra năm %(year)s") % {"year": year},
    ]
    places = Place.objects.current().filter(path__startswith=place.path).order_by("path")
    titles = dict(ENTERED_COLUMNS)
    columns = [
        Column(titles["place_code"], width=12),
        Column(titles["year"], width=8),
        Column(titles["indicator"], width=16, choices=[i.code for i in indicators]),
        Column(titles["numerator"], width=14, number_format=DECIMAL),
        Column(titles["denominator"], width=14, number_format=DECIMAL),
        Column(titles["percent"], width=10, number_format="0.0#"),
        Column(titles["source_note"], width=36),
    ]
    content = workbook_bytes(
        [
            Sheet(
                _("Số liệu"),
                columns,
                [example],
                title=_("Mẫu nhập số liệu chỉ tiêu — %(place)s — ngày %(day)s")
                % {"place": place.name, "day": timezone.localdate().strftime("%d/%m/%Y")},
            ),
            Sheet(
                _("Chỉ tiêu"),
                [
                    Column(_("Mã chỉ tiêu"), width=16),
                    Column(_("Tên chỉ tiêu"), width=60),
                    Column(_("Dạng"), width=14),
                    Column(_("Đơn vị đếm"), width=14),
                ],
                ([i.code, i.name, str(Measure(i.measure).label), i.unit] for i in indicators),
            ),
            Sheet(
                _("Địa bàn"),
                [Column(_("Mã địa bàn"), width=12), Column(_("Tên địa bàn"), width=30), _("Cấp")],
                ([p.code, p.name, p.get_level_display()] for p in places.iterator()),
            ),
        ]
    )
    return xlsx_response(content, file_name("mau-nhap-so-lieu", place.name, extension="xlsx"))


@login_required
@require_http_methods(["GET", "POST"])
def boundaries(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload (or replace) the province's commune boundaries and see how they matched."""
    user = user_of(request)
    province = get_place_for_user(user, pk, Capability.MANAGE_PLANS)
    if province.level != Level.PROVINCE:
        raise Http404
    form = BoundaryUploadForm(request.POST or None, request.FILES or None)
    check = None
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read(MAX_GEOJSON_BYTES + 1)  # more than the limit is refused
        try:
            check = save_boundaries(
                user=user,
                province=province,
                content=content,
                code_property=form.cleaned_data["code_property"].strip(),
                file_name=upload.name,
            )
        except GeoJSONError as exc:
            form.add_error("file", str(exc))
            status = 400
        else:
            messages.success(
                request,
                _("Đã lưu ranh giới: %(matched)s vùng khớp mã xã.")
                % {"matched": len(check.matched)},
            )
    stored = BoundaryMap.objects.filter(province=province).select_related("uploaded_by").first()
    context: dict[str, Any] = {"province": province, "form": form, "check": check, "stored": stored}
    return render(request, "indicators/boundaries.html", context, status=status)


@require_safe
@login_required
def map_data(request: HttpRequest, pk: int) -> JsonResponse:
    """GeoJSON of the place's children with the selected indicator's actual rate (dashboard scope)."""
    user = user_of(request)
    board = build_dashboard(request, get_place_for_user(user, pk))
    stored = boundary_map_for(board.place)
    features: list[dict[str, Any]] = []
    indicator = None
    if stored is not None and board.focus is not None and board.plan is not None:
        focus = board.focus
        indicator = {
            "code": focus.indicator.code,
            "name": focus.indicator.name,
            "target": None if focus.target.value is None else float(focus.target.value),
        }
        children = children_figures(board.place, focus.indicator, board.year)
        query = f"?plan={board.plan.pk}&year={board.year}&indicator={focus.indicator.code}"
        features = map_features(stored, children, focus.target.value, query)
    return JsonResponse(
        {
            "type": "FeatureCollection",
            "features": features,
            "place": {"id": board.place.pk, "name": board.place.name},
            "year": board.year,
            "indicator": indicator,
            "legend": legend(),
        }
    )
