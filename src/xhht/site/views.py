from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from xhht.accounts.access import EVERYWHERE, Capability, home_place, scope_paths
from xhht.core.http import user_of
from xhht.site.figures import national_overview, place_figures, titles_header
from xhht.site.work import work_for


@require_safe
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """ "Việc cần làm": what waits for this user, then the figures of their place (the
    national overview for a national role)."""
    user = user_of(request)
    year = timezone.localdate().year
    assignments = user.role_assignments.select_related("place", "body").order_by("role")
    place = home_place(user)
    national = EVERYWHERE in scope_paths(user, Capability.VIEW)
    context = {
        "assignments": assignments,
        "home_place": place,
        "work": work_for(user),
        "year": year,
        "titles": titles_header(),
        "figures": place_figures(place, year) if place is not None else None,
        "overview": national_overview(year) if national else None,
    }
    return render(request, "site/home.html", context)


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
