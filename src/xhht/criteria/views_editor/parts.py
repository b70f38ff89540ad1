"""The forms about the parts of a set: criteria, items, groups of subjects, bands."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xhht.accounts.models import User
from xhht.criteria import edits
from xhht.criteria.editor_forms import BandForm, CriterionForm, GroupForm, ItemForm
from xhht.criteria.models import CriteriaSet
from xhht.criteria.views_editor._base import _manageable, _op, _run


def _moves(
    request: HttpRequest,
    s: CriteriaSet,
    op: str,
    target: str,
    move: Callable[..., CriteriaSet],
    remove: Callable[..., CriteriaSet],
    key: str,
    user: User,
) -> HttpResponse | None:
    if op in {"up", "down"}:
        return _run(
            request,
            s,
            bound=("move", target),
            form=None,
            act=lambda: move(user=user, criteria_set=s, **{key: target}, direction=op),
            message=_("Đã chuyển %(code)s.") % {"code": target},
            anchor=f"x-{target}",
        )
    if op == "remove":
        return _run(
            request,
            s,
            bound=("remove", target),
            form=None,
            act=lambda: remove(user=user, criteria_set=s, **{key: target}),
            message=_("Đã xóa %(code)s.") % {"code": target},
        )
    return None


@require_POST
@login_required
def edit_criterion(request: HttpRequest, pk: int) -> HttpResponse:
    user, s = _manageable(request, pk)
    op, target = _op(request)
    moved = _moves(
        request, s, op, target, edits.move_criterion, edits.remove_criterion, "criterion_code", user
    )
    if moved is not None:
        return moved
    form = CriterionForm(request.POST)
    if op == "update":
        return _run(
            request,
            s,
            bound=("criterion", target),
            form=form,
            act=lambda: edits.update_criterion(
                user=user, criteria_set=s, criterion_code=target, **form.cleaned_data
            ),
            message=_("Đã lưu tiêu chí %(code)s.") % {"code": target},
            anchor=f"x-{form.cleaned_data.get('code', target)}" if form.is_valid() else "",
        )
    return _run(
        request,
        s,
        bound=("criterion-add", ""),
        form=form,
        act=lambda: edits.add_criterion(
            user=user,
            criteria_set=s,
            code=form.cleaned_data["code"],
            name=form.cleaned_data["name"],
            max_points=form.cleaned_data["max_points"],
            min_points=form.cleaned_data["min_points"],
        ),
        message=_("Đã thêm tiêu chí; hãy thêm các chỉ báo của tiêu chí."),
        anchor=f"x-{form.cleaned_data.get('code', '')}" if form.is_valid() else "",
    )


@require_POST
@login_required
def edit_item(request: HttpRequest, pk: int) -> HttpResponse:
    user, s = _manageable(request, pk)
    op, target = _op(request)
    moved = _moves(request, s, op, target, edits.move_item, edits.remove_item, "item_code", user)
    if moved is not None:
        return moved
    groups = [(g.code, g.name) for g in s.definition().groups]
    form = ItemForm(request.POST, groups=groups)
    fields = form.cleaned_data if form.is_valid() else {}
    values = {**fields, "applies_to": fields.get("applies_to", [])}
    if op == "update":
        return _run(
            request,
            s,
            bound=("item", target),
            form=form,
            act=lambda: edits.update_item(user=user, criteria_set=s, item_code=target, **values),
            message=_("Đã lưu chỉ báo %(code)s.") % {"code": target},
            anchor=f"x-{fields.get('code', target)}",
        )
    criterion = request.POST.get("criterion", "")
    return _run(
        request,
        s,
        bound=("item-add", criterion),
        form=form,
        act=lambda: edits.add_item(user=user, criteria_set=s, criterion_code=criterion, **values),
        message=_("Đã thêm chỉ báo %(code)s.") % {"code": fields.get("code", "")},
        anchor=f"x-{fields.get('code', '')}",
    )


def _named_part(
    request: HttpRequest,
    pk: int,
    *,
    kind: str,
    key: str,
    form_class: type[Form],
    remove: Callable[..., CriteriaSet],
    update: Callable[..., CriteriaSet],
    add: Callable[..., CriteriaSet],
    removed: str,
    saved: str,
    added: str,
    anchor: str,
) -> HttpResponse:
    """Remove, update or add one group or band, named by ``target`` (``key`` for the action)."""
    user, s = _manageable(request, pk)
    op, target = _op(request)
    if op == "remove":
        return _run(
            request,
            s,
            bound=(kind, target),
            form=None,
            act=lambda: remove(user=user, criteria_set=s, **{key: target}),
            message=removed,
            anchor=anchor,
        )
    form = form_class(request.POST)
    if op == "update":
        return _run(
            request,
            s,
            bound=(kind, target),
            form=form,
            act=lambda: update(user=user, criteria_set=s, **{key: target}, **form.cleaned_data),
            message=saved,
            anchor=anchor,
        )
    return _run(
        request,
        s,
        bound=(f"{kind}-add", ""),
        form=form,
        act=lambda: add(user=user, criteria_set=s, **form.cleaned_data),
        message=added,
        anchor=anchor,
    )


@require_POST
@login_required
def edit_group(request: HttpRequest, pk: int) -> HttpResponse:
    return _named_part(
        request,
        pk,
        kind="group",
        key="group_code",
        form_class=GroupForm,
        remove=edits.remove_group,
        update=edits.update_group,
        add=edits.add_group,
        removed=_("Đã xóa nhóm đối tượng."),
        saved=_("Đã lưu nhóm đối tượng."),
        added=_("Đã thêm nhóm đối tượng."),
        anchor="groups",
    )


@require_POST
@login_required
def edit_band(request: HttpRequest, pk: int) -> HttpResponse:
    return _named_part(
        request,
        pk,
        kind="band",
        key="band_name",
        form_class=BandForm,
        remove=edits.remove_band,
        update=edits.update_band,
        add=edits.add_band,
        removed=_("Đã xóa xếp loại."),
        saved=_("Đã lưu xếp loại."),
        added=_("Đã thêm xếp loại."),
        anchor="rules",
    )
