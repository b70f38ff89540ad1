"""A commune imports a hamlet's evaluation sheet, then decides on the board."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from xhht.accounts.access import Capability, can, get_place_for_user, require, visible_places
from xhht.accounts.models import User
from xhht.core.http import user_of, xlsx_response
from xhht.core.text import fold
from xhht.criteria.models import Title
from xhht.places.models import Level, Place, PlaceQuerySet
from xhht.recognition.forms import SheetImportForm, current_year
from xhht.recognition.sheets import (
    CODE_HEADER,
    criteria_for,
    import_sheet,
    template_bytes,
    template_subjects,
)
from xhht.recognition.views.common import int_or_none


def _hamlet_places(user: User) -> PlaceQuerySet:
    return visible_places(user, Capability.REVIEW).current().filter(level=Level.HAMLET).by_name()


def _hamlets(user: User) -> forms.ModelChoiceField[Place]:
    return forms.ModelChoiceField(
        label=gettext_lazy("Thôn/tổ dân phố"), queryset=_hamlet_places(user)
    )


@login_required
@require_http_methods(["GET", "POST"])
def sheet_import(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.REVIEW)
    form = SheetImportForm(request.POST or None, request.FILES or None)
    form.fields["hamlet"] = hamlets = _hamlets(user)
    only = list(_hamlet_places(user)[:2])
    if len(only) == 1:  # a hamlet head's own hamlet: chosen already
        hamlets.initial, hamlets.empty_label = only[0].pk, None
    result = None
    if request.method == "POST" and form.is_valid():
        hamlet: Place = form.cleaned_data["hamlet"]
        title, year = form.cleaned_data["title"], form.cleaned_data["year"]
        result = import_sheet(
            actor=user, hamlet=hamlet, title=title, year=year, upload=form.cleaned_data["file"]
        )
        if result.ok:
            messages.success(
                request,
                _("Đã nhập và thẩm định %(n)s hồ sơ. Hãy xem kết quả và quyết định.")
                % {"n": result.reviewed},
            )
            commune = hamlet.ancestor_of_level(Level.COMMUNE) or hamlet
            if not can(user, Capability.REVIEW, commune):
                commune = hamlet  # a hamlet head reviews the hamlet, not the whole commune
            return redirect(
                f"{reverse('recognition:board', args=[commune.pk])}?title={title}&year={year}"
            )
    return render(request, "recognition/sheet_import.html", {"form": form, "result": result})


@require_safe
@login_required
def sheet_template(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.REVIEW)
    hamlet_pk = int_or_none(request.GET.get("hamlet"))
    if hamlet_pk is None:
        raise Http404
    hamlet = get_place_for_user(user, hamlet_pk, Capability.REVIEW)
    title = request.GET.get("title", Title.FAMILY)
    year = int_or_none(request.GET.get("year")) or current_year()
    criteria_set = criteria_for(title, hamlet, year) if title in CODE_HEADER else None
    if criteria_set is None:
        messages.error(
            request, _("Chưa có bộ tiêu chí đầy đủ cho danh hiệu này ở địa bàn đã chọn.")
        )
        return redirect("recognition:sheet_import")
    subjects = template_subjects(user, title, hamlet)
    return xlsx_response(
        template_bytes(title, criteria_set, subjects),
        f"phieu-danh-gia-{slugify(fold(str(Title(title).label)))}-{year}.xlsx",
    )
