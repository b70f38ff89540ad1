from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from xhht.accounts.access import (
    Capability,
    can,
    get_place_for_user,
    home_place,
    require,
    visible_places,
)
from xhht.accounts.models import User
from xhht.audit.models import AuditEntry
from xhht.core.http import user_of, xlsx_response
from xhht.core.sheets import Column, Sheet, workbook_bytes
from xhht.core.text import fold
from xhht.place_pages.forms import HamletForm, SheetUploadForm
from xhht.place_pages.sheets import HAMLET_COLUMNS, import_hamlets, next_hamlet_code
from xhht.places.models import HAMLET_KINDS, Level, Place


@require_safe
@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.VIEW)
    start = home_place(user)
    if start is not None:
        return redirect("places:detail", pk=start.pk)
    query = request.GET.get("q", "").strip()
    places = visible_places(user).current()
    places = (
        places.filter(search_text__contains=fold(query))
        if query
        else places.filter(level=Level.PROVINCE)
    )
    page = Paginator(places.by_name(), 50).get_page(request.GET.get("page"))
    return render(request, "places/index.html", {"page": page, "query": query})


@require_safe
@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    place = get_place_for_user(user, pk)
    query = request.GET.get("q", "").strip()
    children = Place.objects.current().filter(parent=place)
    if query:
        children = (
            Place.objects.current()
            .subtree(place)
            .exclude(pk=place.pk)
            .filter(search_text__contains=fold(query))
        )
    page = Paginator(children.by_name(), 50).get_page(request.GET.get("page"))
    visible_ancestors = [a for a in place.ancestors() if can(user, Capability.VIEW, a)]
    context = {
        "place": place,
        "ancestors": visible_ancestors,
        "page": page,
        "query": query,
        "can_manage": place.level == Level.COMMUNE and can(user, Capability.MANAGE_PLACES, place),
        "can_edit": place.level == Level.HAMLET and can(user, Capability.MANAGE_PLACES, place),
        "successions": place.successions.select_related("successor").all(),
        "predecessions": place.predecessions.select_related("predecessor").all(),
    }
    template = "places/_children.html" if request.htmx else "places/detail.html"  # type: ignore[attr-defined]  # set by django-htmx's middleware
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def hamlet_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    commune = get_place_for_user(user, pk, Capability.MANAGE_PLACES)
    if commune.level != Level.COMMUNE or not commune.is_current:
        messages.error(request, _("Chỉ thêm thôn/tổ dân phố vào một xã/phường đang có hiệu lực."))
        return redirect("places:detail", pk=commune.pk)
    form = HamletForm(request.POST or None, commune=commune)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            hamlet = form.save(commit=False)
            hamlet.level, hamlet.parent = Level.HAMLET, commune
            hamlet.code = next_hamlet_code(commune)
            hamlet.save()
        messages.success(request, _("Đã thêm “%(name)s”.") % {"name": hamlet.name})
        return redirect("places:detail", pk=commune.pk)
    return render(request, "places/hamlet_form.html", {"form": form, "commune": commune})


@login_required
@require_http_methods(["GET", "POST"])
def hamlet_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    hamlet = get_place_for_user(user, pk, Capability.MANAGE_PLACES)
    if hamlet.level != Level.HAMLET or hamlet.parent is None:
        return redirect("places:detail", pk=hamlet.pk)
    form = HamletForm(request.POST or None, instance=hamlet, commune=hamlet.parent)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu “%(name)s”.") % {"name": hamlet.name})
        return redirect("places:detail", pk=hamlet.pk)
    return render(
        request,
        "places/hamlet_form.html",
        {"form": form, "commune": hamlet.parent, "hamlet": hamlet},
    )


@login_required
@require_http_methods(["GET", "POST"])
def hamlet_import(request: HttpRequest) -> HttpResponse:
    user: User = user_of(request)
    require(user, Capability.MANAGE_PLACES)
    form = SheetUploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = import_hamlets(user=user, upload=upload, max_bytes=settings.XHHT_MAX_SHEET_BYTES)
        if result.ok:
            messages.success(
                request,
                _("Đã nhập: %(created)s thôn mới, %(updated)s cập nhật, %(unchanged)s không đổi.")
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )
            return redirect("places:index")
    status = 400 if result is not None and not result.ok else 200
    return render(
        request, "places/hamlet_import.html", {"form": form, "result": result}, status=status
    )


@require_safe
@login_required
def hamlet_template(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.MANAGE_PLACES)
    start = home_place(user)
    example_code = start.code if start is not None and start.level == Level.COMMUNE else "00070"
    where = f" — {start.name}" if start is not None else ""
    sheet = Sheet(
        _("Thôn, tổ dân phố"),
        [
            Column(HAMLET_COLUMNS[0][1], width=10),
            Column(HAMLET_COLUMNS[1][1], width=28),
            Column(HAMLET_COLUMNS[2][1], width=16, choices=HAMLET_KINDS),
        ],
        [[example_code, "Thôn 1", "thôn"]],
        title=_("Mẫu nhập thôn, tổ dân phố%(where)s — ngày %(day)s")
        % {"where": where, "day": timezone.localdate().strftime("%d/%m/%Y")},
    )
    return xlsx_response(workbook_bytes([sheet]), "mau-nhap-thon.xlsx")


@require_safe
@login_required
def history(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    place = get_place_for_user(user, pk)
    entries = AuditEntry.objects.visible_to(user).for_object(place).select_related("actor")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "places/history.html", {"place": place, "page": page})
