"""Bodies (sở, ban, ngành, UBND, Ban Chỉ đạo, đoàn thể, Hội Khuyến học) of the manager's places.

Bodies are audited models: every create and edit lands in the audit trail through the signals.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from xhht.accounts.access import get_place_for_user, require
from xhht.accounts.manage.forms import BodyForm
from xhht.accounts.manage_access import MANAGE, assignable_bodies, get_body_for_user
from xhht.accounts.models import Body, RoleAssignment
from xhht.accounts.roles import Role
from xhht.core.http import user_of
from xhht.places.models import Place


@require_safe
@login_required
def body_list(request: HttpRequest) -> HttpResponse:
    manager = user_of(request)
    require(manager, MANAGE)
    query = request.GET.get("q", "").strip()
    bodies = assignable_bodies(manager)
    place: Place | None = None
    if request.GET.get("place", "").isdigit():
        place = get_place_for_user(manager, int(request.GET["place"]), MANAGE)
        bodies = bodies.filter(place__path__startswith=place.path)
    if query:
        bodies = bodies.filter(Q(name__icontains=query) | Q(short_name__icontains=query))
    bodies = bodies.order_by("place__depth", "place__sort_key", "name")
    page = Paginator(bodies, 50).get_page(request.GET.get("page"))
    context = {"page": page, "query": query, "place": place}
    return render(request, "accounts/manage/body_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def body_create(request: HttpRequest) -> HttpResponse:
    manager = user_of(request)
    require(manager, MANAGE)
    query = request.GET.get("q", "").strip()
    form = BodyForm(request.POST or None, manager=manager, query=query)
    if request.method == "POST" and form.is_valid():
        body = form.save()
        messages.success(request, _("Đã thêm “%(name)s”.") % {"name": body.name})
        return redirect("accounts:manage_body", pk=body.pk)
    return render(request, "accounts/manage/body_form.html", {"form": form, "query": query})


@login_required
@require_http_methods(["GET", "POST"])
def body_edit(request: HttpRequest, pk: int) -> HttpResponse:
    manager = user_of(request)
    body = get_body_for_user(manager, pk, MANAGE)
    query = request.GET.get("q", "").strip()
    form = BodyForm(request.POST or None, instance=body, manager=manager, query=query)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu “%(name)s”.") % {"name": body.name})
        return redirect("accounts:manage_body", pk=body.pk)
    context = {"form": form, "body": body, "query": query}
    return render(request, "accounts/manage/body_form.html", context)


@require_safe
@login_required
def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    manager = user_of(request)
    body: Body = get_body_for_user(manager, pk, MANAGE)
    officers = (
        RoleAssignment.objects.filter(body=body, role=Role.BODY_OFFICER)
        .select_related("user")
        .order_by("user__search_text")
    )
    return render(request, "accounts/manage/body_detail.html", {"body": body, "officers": officers})
