"""The lists pages: per commune or hamlet, who each cohort is still missing (who to visit), the
adults to invite to a literacy class, an XLSX export and a printable page per hamlet. The hamlet
head sees their hamlet, the commune officer the commune."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from xhht.accounts.access import Capability, can, get_place_for_user, require
from xhht.accounts.models import User
from xhht.centres.access import get_class_for_user
from xhht.core.downloads import file_name
from xhht.core.http import user_of, xlsx_response
from xhht.core.sheets import Column, Sheet, workbook_bytes
from xhht.core.text import sort_key
from xhht.core.workflow import refusal_shown
from xhht.pcgd import lists
from xhht.pcgd.access import communes_for
from xhht.pcgd.models import current_school_year, school_year_label
from xhht.places.models import Level, Place
from xhht.registry.sheet_columns import sheet_title

PAGE_SIZE = 50


def _columns() -> list[Column]:
    return [
        Column(_("TT"), width=6),
        Column(_("Họ và tên"), width=28),
        Column(_("Năm sinh"), width=10),
        Column(_("Giới tính"), width=10),
        Column(_("Chủ hộ"), width=26),
        Column(_("Mã hộ"), width=14),
        Column(_("Thôn, tổ dân phố"), width=22),
        Column(_("Tình trạng năm học"), width=36),
    ]


def _place(user: User, pk: int) -> Place:
    place = get_place_for_user(user, pk, Capability.VIEW)
    if place.level not in (Level.COMMUNE, Level.HAMLET):
        raise Http404
    return place


def _year(request: HttpRequest) -> int:
    current = current_school_year()
    raw = request.GET.get("year", "")
    if raw.isascii() and raw.isdigit() and 2000 <= int(raw) <= current:
        return int(raw)
    return current


def _cohort(request: HttpRequest, default: lists.WorkList = lists.LISTS[0]) -> lists.WorkList:
    return lists.BY_COHORT.get(request.GET.get("cohort", ""), default)


@require_safe
@login_required
def work_lists(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    place = _place(user, pk)
    year = _year(request)
    tabs = list(zip(lists.LISTS, lists.counts(place, year).values(), strict=True))
    # Opened without a choice, the page shows the first list with someone to visit (not an
    # empty "Không còn ai" when the commune's gap is further down).
    chosen = _cohort(request, next((w for w, n in tabs if n), lists.LISTS[0]))
    people = lists.people_to_visit(place, year, chosen.cohort)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    may_invite = chosen.adults and can(user, Capability.MANAGE_CLASSES, place)
    context: dict[str, Any] = {
        "place": place,
        "year": year,
        "year_label": school_year_label(year),
        "chosen": chosen,
        "tabs": tabs,
        "page": page,
        "rows": [(p, lists.situation(p)) for p in page],
        "may_enter": can(user, Capability.MANAGE_PCGD, place),
        # The schools' lists are imported for a commune: not offered to a hamlet head.
        "may_import": communes_for(user, Capability.MANAGE_PCGD).exists(),
        "may_invite": may_invite,
        "classes": list(lists.literacy_classes(user)[:50]) if may_invite else [],
        "hamlets": list(place.children.current().filter(level=Level.HAMLET).order_by("sort_key"))
        if place.level == Level.COMMUNE
        else [],
    }
    return render(request, "pcgd/lists.html", context)


@require_safe
@login_required
def lists_export(request: HttpRequest, pk: int) -> HttpResponse:
    """Every list of the place as a sheet (at most ``lists.MAX_ROWS`` rows each)."""
    user = user_of(request)
    place = _place(user, pk)
    year = _year(request)
    sheets = [
        Sheet(
            str(w.title)[:31],
            _columns(),
            lists.rows(lists.people_to_visit(place, year, w.cohort)),
            title=sheet_title(f"{w.title} – {school_year_label(year)}", place),
        )
        for w in lists.LISTS
    ]
    content = workbook_bytes(sheets)
    return xlsx_response(content, file_name("danh-sach-pcgd", place.name, year, extension="xlsx"))


@require_safe
@login_required
def lists_print(request: HttpRequest, pk: int) -> HttpResponse:
    """One printable page: per hamlet (a page each), every list with its people."""
    user = user_of(request)
    place = _place(user, pk)
    year = _year(request)
    by_hamlet: dict[str, dict[str, list[list[object]]]] = {}
    for w in lists.LISTS:
        for row in lists.rows(lists.people_to_visit(place, year, w.cohort)):
            by_hamlet.setdefault(str(row[6]), {}).setdefault(w.cohort, []).append(row)
    sections = [
        (hamlet, [(w, found.get(w.cohort, [])) for w in lists.LISTS])
        for hamlet, found in sorted(by_hamlet.items(), key=lambda item: sort_key(item[0]))
    ]
    context = {"place": place, "year_label": school_year_label(year), "sections": sections}
    return render(request, "pcgd/lists_print.html", context)


@login_required
@require_POST
@refusal_shown(lambda request, pk: redirect(_adults_url(pk)))
def lists_invite(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    place = _place(user, pk)
    require(user, Capability.MANAGE_CLASSES, place)
    class_pk = request.POST.get("learning_class", "")
    if not class_pk.isdigit():
        messages.error(request, _("Chọn lớp xóa mù chữ để mời."))
        return redirect(_adults_url(pk))
    learning_class = get_class_for_user(user, int(class_pk), Capability.MANAGE_CLASSES)
    ids = {int(v) for v in request.POST.getlist("person") if v.isascii() and v.isdigit()}
    added = lists.invite(
        user=user,
        place=place,
        school_year=current_school_year(),
        learning_class=learning_class,
        person_ids=ids,
    )
    messages.success(
        request,
        _("Đã mời %(n)s người vào lớp %(title)s.") % {"n": added, "title": learning_class.title},
    )
    return redirect(_adults_url(pk))


def _adults_url(pk: int) -> str:
    return reverse("pcgd:lists", args=[pk]) + f"?cohort={lists.LISTS[-1].cohort}"
