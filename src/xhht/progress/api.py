"""JSON for the progress dashboard: the same scope and the same kept counts as the page."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from xhht.accounts.access import Capability, visible_places
from xhht.accounts.api import HasCapability
from xhht.places.models import Place
from xhht.plans.models import Plan
from xhht.progress import cached
from xhht.progress.figures import children_figures, plan_progress, plans_for


class ProgressViewSet(viewsets.ViewSet):
    """``GET /api/v1/progress/<place id>/?plan=&year=``: targets, actuals and the children."""

    permission_classes = [HasCapability]
    capability = Capability.VIEW

    @extend_schema(
        parameters=[
            OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH),
            OpenApiParameter("plan", OpenApiTypes.INT, description="Kế hoạch (mặc định: mới nhất)"),
            OpenApiParameter("year", OpenApiTypes.INT, description="Năm (mặc định: cuối kế hoạch)"),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        place = get_object_or_404(visible_places(request.user), pk=pk)
        plans = plans_for(place)
        wanted = request.query_params.get("plan", "")
        plan = next((p for p in plans if str(p.pk) == wanted), plans[0] if plans else None)
        year_text = request.query_params.get("year", "")
        year = (
            int(year_text)
            if year_text.isascii() and year_text.isdigit()
            else (plan.period_end if plan else 0)
        )
        # The answer depends only on the place (which the user may see: checked above), the plan,
        # the year, the data and the language: cached in the worker under that key, revalidated
        # by ETag (``progress.cached``).
        offered = None if plan is None else (plan.pk, plan.number)
        version = cached.data_version(place, plan, year)
        key = cached.page_key("api", place.pk, offered, year, version)
        etag = cached.etag_for(request, key)
        unchanged = cached.not_modified(request, etag)
        if unchanged is not None:
            return unchanged  # type: ignore[return-value]  # a plain 304, nothing to render
        data = cache.get(key)
        if data is None:
            data = _answer(place, plan, year)
            cache.set(key, data, API_SECONDS)
        response = Response(data)
        cached.private(response, etag)
        return response


#: How long a worker keeps an answer (a changed count changes the key before that).
API_SECONDS = 600


def _answer(place: Place, plan: Plan | None, year: int) -> dict[str, Any]:
    rows = plan_progress(plan, place, year) if plan else []
    children = []
    if rows:
        for child in children_figures(place, rows[0].indicator, year):
            children.append(
                {
                    "place": child.place.pk,
                    "name": child.place.name,
                    "numerator": child.actual.numerator,
                    "denominator": child.actual.denominator,
                    "actual": child.actual.rate,
                }
            )
    return {
        "place": {"id": place.pk, "name": place.name, "level": place.level},
        "plan": None if plan is None else {"id": plan.pk, "number": plan.number},
        "year": year,
        "targets": [row.as_json() for row in rows],
        "children": children,
    }
