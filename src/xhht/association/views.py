"""The association's pages: the branches of the officer's scope as a tree, a branch with its
members (paginated, search without diacritics), adding, editing and dissolving branches, adding
a member from the registry (or by name), editing a member and a member leaving. Every record is
fetched through ``access``; every write goes through ``actions``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from xhht.accounts.access import can, require
from xhht.association import actions
from xhht.association.access import MANAGE, READ, get_branch_for_user, get_member_for_user
from xhht.association.forms import (
    BranchForm,
    DissolveForm,
    LeaveForm,
    MemberForm,
    refused_on,
)
from xhht.association.funds_access import FUNDS
from xhht.association.models import Branch
from xhht.core.http import user_of
from xhht.core.text import fold
from xhht.core.workflow import StepRefused
from xhht.registry.models import Person

PAGE_SIZE = 50
#: Matches listed by the person search; a longer list asks for a longer search.
SEARCH_LIMIT = 20
MEMBER_STATES = {"current", "left", "all"}


def _detail(branch: Branch) -> HttpResponse:
    return redirect("association:branch_detail", pk=branch.pk)


# Branches -------------------------------------------------------------------------------------


@require_safe
@login_required
def branch_list(request: HttpRequest) -> HttpResponse:
    """The branches the user sees, as a tree: each under the place above it."""
    user = user_of(request)
    require(user, READ)
    rows = (
        Branch.objects.visible_to(user)
        .select_related("place", "parent", "unit")
        .annotate(current=Count("members", filter=Q(members__left_on__isnull=True)))
        .order_by("place__path", "kind", "sort_key", "pk")
    )
    query = request.GET.get("q", "").strip()
    folded = fold(query)
    if folded:
        rows = rows.filter(Q(search_text__contains=folded) | Q(place__search_text__contains=folded))
    if request.GET.get("state") != "all":
        rows = rows.filter(dissolved_on__isnull=True)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    top = min((branch.place.depth for branch in page), default=0)
    for branch in page:
        branch.indent = "\u2003" * (branch.place.depth - top)  # type: ignore[attr-defined]  # shown only
    context = {
        "page": page,
        "query": query,
        "show_all": request.GET.get("state") == "all",
        "can_manage": can(user, MANAGE),
    }
    return render(request, "association/branch_list.html", context)


@require_safe
@login_required
def branch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    branch = get_branch_for_user(user, pk)
    state = request.GET.get("state", "current")
    state = state if state in MEMBER_STATES else "current"
    members = branch.members.all()
    if state == "current":
        members = members.filter(left_on__isnull=True)
    elif state == "left":
        members = members.filter(left_on__isnull=False)
    query = request.GET.get("q", "").strip()
    folded = fold(query)
    if folded:
        members = members.filter(search_text__contains=folded)
    page = Paginator(members.order_by("sort_key", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    counts = branch.members.aggregate(
        current=Count("pk", filter=Q(left_on__isnull=True)),
        left=Count("pk", filter=Q(left_on__isnull=False)),
    )
    context = {
        "branch": branch,
        "page": page,
        "query": query,
        "state": state,
        "counts": counts,
        "children": branch.children.select_related("place").order_by("sort_key", "pk"),
        "figures": branch.figures.order_by("-year")[:10] if branch.keeps_totals else [],
        "can_manage": can(user, MANAGE, branch.place) and branch.active,
        # The branch's study-promotion funds, for those who keep them (read with MANAGE).
        "funds": branch.funds.visible_to(user, FUNDS).order_by("sort_key", "pk"),
    }
    return render(request, "association/branch_detail.html", context)


def _branch_values(form: BranchForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        key: data.get(key)
        for key in ("name", "kind", "place", "parent", "unit", "body", "founded_on")
    } | {"keeps_totals": bool(data.get("keeps_totals"))}


@login_required
@require_http_methods(["GET", "POST"])
def branch_create(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, MANAGE)
    form = BranchForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            branch = actions.create_branch(user=user, **_branch_values(form))
        except StepRefused as refusal:
            refused_on(form, refusal)
        else:
            messages.success(request, _("Đã thêm “%(name)s”.") % {"name": branch})
            return _detail(branch)
    return render(request, "association/branch_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def branch_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    branch = get_branch_for_user(user, pk, MANAGE)
    form = BranchForm(request.POST or None, instance=branch, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.update_branch(user=user, branch=branch, **_branch_values(form))
        except StepRefused as refusal:
            refused_on(form, refusal)
        else:
            messages.success(request, _("Đã lưu “%(name)s”.") % {"name": saved})
            return _detail(saved)
    return render(request, "association/branch_form.html", {"form": form, "branch": branch})


@login_required
@require_http_methods(["GET", "POST"])
def branch_dissolve(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    branch = get_branch_for_user(user, pk, MANAGE)
    form = DissolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.dissolve_branch(user=user, branch=branch, **form.cleaned_data)
        except StepRefused as refusal:
            refused_on(form, refusal)
        else:
            messages.success(request, _("Đã ghi “%(name)s” giải thể.") % {"name": branch})
            return _detail(branch)
    return render(request, "association/branch_dissolve.html", {"form": form, "branch": branch})


# Members --------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Search the registry (name without diacritics) and choose the person, or write a name."""
    user = user_of(request)
    branch = get_branch_for_user(user, pk, MANAGE)
    chosen: Person | None = None
    person_id = request.POST.get("person", "") if request.method == "POST" else ""
    if person_id.isdigit():
        chosen = Person.objects.visible_to(user).filter(pk=int(person_id)).first()
    form = MemberForm(request.POST or None, linked=chosen is not None)
    if request.method == "POST" and person_id and chosen is None:
        form.add_error(None, _("Không tìm thấy công dân đã chọn trong phạm vi của bạn."))
    elif request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        try:
            member = actions.add_member(
                user=user,
                branch=branch,
                joined_on=values["joined_on"],
                role=values["role"],
                person=chosen,
                full_name=values.get("full_name") or "",
                birth_year=values.get("birth_year"),
                sex=values.get("sex") or "",
            )
        except StepRefused as refusal:
            refused_on(form, refusal)
        else:
            messages.success(request, _("Đã thêm hội viên “%(name)s”.") % {"name": member})
            return redirect("association:member_add", pk=branch.pk)
    query = request.GET.get("q", "").strip()
    found: list[Person] = []
    if fold(query):
        already = branch.members.filter(left_on__isnull=True, person__isnull=False)
        found = list(
            Person.objects.visible_to(user)
            .search(query)
            .exclude(pk__in=already.values("person_id"))
            .select_related("place")
            .order_by("sort_key", "pk")[:SEARCH_LIMIT]
        )
    context = {
        "branch": branch,
        "form": form,
        "query": query,
        "found": found,
        "limit": SEARCH_LIMIT,
        "chosen": chosen,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "association/member_add.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    member = get_member_for_user(user, pk, MANAGE)
    linked = member.person_id is not None
    initial = {
        "full_name": member.full_name,
        "birth_year": member.birth_year,
        "sex": member.sex,
        "role": member.role,
        "joined_on": member.joined_on,
    }
    form = MemberForm(request.POST or None, initial=initial, linked=linked)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        try:
            actions.update_member(
                user=user,
                member=member,
                joined_on=values["joined_on"],
                role=values["role"],
                full_name=values.get("full_name") or "",
                birth_year=values.get("birth_year"),
                sex=values.get("sex") or "",
            )
        except StepRefused as refusal:
            refused_on(form, refusal)
        else:
            messages.success(request, _("Đã lưu hội viên “%(name)s”.") % {"name": member})
            return _detail(member.branch)
    return render(request, "association/member_form.html", {"form": form, "member": member})


@login_required
@require_http_methods(["GET", "POST"])
def member_leave(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    member = get_member_for_user(user, pk, MANAGE)
    form = LeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.member_leaves(user=user, member=member, **form.cleaned_data)
        except StepRefused as refusal:
            refused_on(form, refusal)
        else:
            messages.success(request, _("Đã ghi “%(name)s” ra khỏi hội.") % {"name": member})
            return _detail(member.branch)
    return render(request, "association/member_leave.html", {"form": form, "member": member})
