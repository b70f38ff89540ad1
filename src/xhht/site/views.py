from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from xhht.accounts.access import home_place
from xhht.core.http import user_of


@require_safe
@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    assignments = user.role_assignments.select_related("place", "body").order_by("role")
    return render(
        request, "site/home.html", {"assignments": assignments, "home_place": home_place(user)}
    )


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
