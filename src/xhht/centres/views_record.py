"""The learning record pages (sổ theo dõi học tập): a person's record by year, a household's,
a citizen's own with the self-declared form (a phone), and the officers' confirmation queue."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from xhht.accounts.access import Capability, can, path_under, require, scope_paths
from xhht.accounts.models import User
from xhht.centres import record
from xhht.centres.access import get_learning_entry_for_user
from xhht.centres.models import LearningEntry
from xhht.centres.record_access import (
    get_own_entry_for_user,
    get_record_person_for_user,
    own_person,
    pending_entries,
)
from xhht.centres.record_forms import DeclareForm, RefuseForm
from xhht.centres.record_links import attach_line_links
from xhht.core.http import user_of
from xhht.core.workflow import StepRefused, refusal_shown
from xhht.registry.access import get_household_for_user

QUEUE_PAGE = 50
#: Lines read for a household's page (its members, every year).
HOUSEHOLD_LINES = 500
_LINE_RELATED = ("topic", "participation__learning_class__place", "confirmed_by")


@dataclass
class YearGroup:
    year: int
    entries: list[LearningEntry] = field(default_factory=list)

    @property
    def hours(self) -> Decimal:
        """Hours that count: class lines and confirmed self-declared ones."""
        return sum((e.hours for e in self.entries if e.confirmed), Decimal("0"))


def by_year(entries: list[LearningEntry]) -> list[YearGroup]:
    """Lines grouped by year, the latest year first (the lines keep their order)."""
    ordered = sorted(entries, key=lambda e: -e.year)
    return [YearGroup(year, list(lines)) for year, lines in groupby(ordered, key=lambda e: e.year)]


def _class_links(user: User, entries: list[LearningEntry]) -> set[int]:
    """The class lines whose class page the user may open."""
    prefixes = scope_paths(user, Capability.VIEW)
    return {
        e.pk
        for e in entries
        if e.participation is not None
        and path_under(e.participation.learning_class.place.path, prefixes)
    }


@require_safe
@login_required
def person_record(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    person = get_record_person_for_user(user, pk)
    entries = list(
        LearningEntry.objects.filter(person=person)
        .select_related(*_LINE_RELATED)
        .order_by("-year", "kind", "title")
    )
    attach_line_links(user, entries)
    context = {
        "person": person,
        "years": by_year(entries),
        "own": person.user_id is not None and person.user_id == user.pk,
        "may_confirm": person.user_id != user.pk
        and can(user, record.CONFIRM_CAPABILITY, person.place),
        "class_links": _class_links(user, entries),
    }
    return render(request, "centres/record_person.html", context)


@require_safe
@login_required
def household_record(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    household = get_household_for_user(user, pk)
    members = list(household.members.order_by("sort_key", "id"))
    entries = list(
        LearningEntry.objects.filter(person__household=household)
        .select_related("person", *_LINE_RELATED)
        .order_by("-year", "person__sort_key", "person_id", "kind", "title")[:HOUSEHOLD_LINES]
    )
    context = {
        "household": household,
        "members": members,
        "years": by_year(entries),
        "truncated": len(entries) == HOUSEHOLD_LINES,
        "class_links": _class_links(user, entries),
    }
    return render(request, "centres/record_household.html", context)


@require_safe
@login_required
def my_record(request: HttpRequest) -> HttpResponse:
    """A citizen's own record: their person's page, or a word that the account is not linked."""
    user = user_of(request)
    require(user, Capability.SELF_SERVICE)
    person = own_person(user)
    if person is not None:
        return redirect("centres:person_record", pk=person.pk)
    return render(request, "centres/record_unlinked.html")


@login_required
@require_http_methods(["GET", "POST"])
def record_declare(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.SELF_SERVICE)
    person = own_person(user)
    if person is None:
        return render(request, "centres/record_unlinked.html")
    form = DeclareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record.declare_learning(
                user=user,
                person=person,
                year=data["year"],
                kind=data["kind"],
                title=data["title"],
                hours=data["hours"],
                source=data["source"],
                result=data["result"],
            )
        except StepRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("Đã ghi vào sổ học tập; dòng này được tính khi cán bộ xã xác nhận.")
            )
            return redirect("centres:person_record", pk=person.pk)
    return render(request, "centres/record_declare.html", {"form": form, "person": person})


def _mine(request: HttpRequest, pk: int) -> HttpResponse:
    return redirect("centres:my_record")


@login_required
@require_POST
@refusal_shown(_mine)
def record_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    entry = get_own_entry_for_user(user, pk)
    record.withdraw_entry(user=user, entry=entry)
    messages.success(request, _("Đã rút dòng tự khai."))
    return redirect("centres:person_record", pk=entry.person_id)


@require_safe
@login_required
def record_queue(request: HttpRequest) -> HttpResponse:
    """Self-declared lines waiting for an officer's confirmation, the oldest first."""
    user = user_of(request)
    require(user, record.CONFIRM_CAPABILITY)
    waiting = (
        LearningEntry.objects.filter(pending_entries(user))
        .select_related("person__place", "topic")
        .order_by("created_at", "pk")
    )
    page = Paginator(waiting, QUEUE_PAGE).get_page(request.GET.get("page"))
    page.object_list = entries = list(page.object_list)
    attach_line_links(user, entries)  # e.g. the certificate photo the citizen attached
    return render(request, "centres/record_queue.html", {"page": page})


def _back(request: HttpRequest, pk: int) -> HttpResponse:
    person = request.POST.get("person", "")
    if person.isdigit():
        return redirect("centres:person_record", pk=int(person))
    return redirect("centres:record_queue")


@login_required
@require_POST
@refusal_shown(_back)
def record_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    entry = get_learning_entry_for_user(user, pk, record.CONFIRM_CAPABILITY)
    record.confirm_entry(user=user, entry=entry)
    messages.success(request, _("Đã xác nhận “%(title)s”.") % {"title": entry.title})
    return _back(request, pk)


@login_required
@require_POST
@refusal_shown(_back)
def record_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    entry = get_learning_entry_for_user(user, pk, record.CONFIRM_CAPABILITY)
    form = RefuseForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    record.refuse_entry(user=user, entry=entry, reason=reason)
    messages.success(request, _("Đã ghi không xác nhận “%(title)s”.") % {"title": entry.title})
    return _back(request, pk)
