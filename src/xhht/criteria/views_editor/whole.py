"""The editor page itself and the forms about the whole set: basis, rules, points, demo mark."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from xhht.criteria import edits
from xhht.criteria.editor_forms import BasisForm, PointsForm, RulesForm
from xhht.criteria.views_editor._base import _manageable, _run
from xhht.criteria.views_editor.page import EditorPage


@require_safe
@login_required
def editor(request: HttpRequest, pk: int) -> HttpResponse:
    _user, criteria_set = _manageable(request, pk)
    page = EditorPage(criteria_set, opened=request.GET.get("open", "")[:20])
    return render(request, "criteria/editor.html", page.context())


@require_POST
@login_required
def edit_basis(request: HttpRequest, pk: int) -> HttpResponse:
    user, s = _manageable(request, pk)
    form = BasisForm(request.POST)
    return _run(
        request,
        s,
        bound=("basis", ""),
        form=form,
        act=lambda: edits.update_basis(user=user, criteria_set=s, **form.cleaned_data),
        message=_("Đã lưu tên và căn cứ của bộ tiêu chí."),
        anchor="basis",
    )


@require_POST
@login_required
def edit_rules(request: HttpRequest, pk: int) -> HttpResponse:
    user, s = _manageable(request, pk)
    form = RulesForm(request.POST)
    return _run(
        request,
        s,
        bound=("rules", ""),
        form=form,
        act=lambda: edits.set_rules(user=user, criteria_set=s, **form.cleaned_data),
        message=_("Đã lưu quy tắc công nhận."),
        anchor="rules",
    )


@require_POST
@login_required
def edit_points(request: HttpRequest, pk: int) -> HttpResponse:
    user, s = _manageable(request, pk)
    form = PointsForm(request.POST, definition=s.definition())
    return _run(
        request,
        s,
        bound=("points", ""),
        form=form,
        act=lambda: edits.set_points(
            user=user,
            criteria_set=s,
            item_points=form.item_points(),
            reason=form.cleaned_data["reason"],
        ),
        message=_("Đã lưu điểm tối đa của các chỉ báo."),
        anchor="points",
    )


@require_POST
@login_required
def illustrative(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark (or unmark) the set's values as illustrative, for a demo."""
    user, s = _manageable(request, pk)
    wanted = request.POST.get("illustrative") == "1"
    edits.set_illustrative(user=user, criteria_set=s, illustrative=wanted)
    messages.success(
        request,
        _("Đã đánh dấu: giá trị minh họa cho bản demo.")
        if wanted
        else _("Đã bỏ đánh dấu giá trị minh họa."),
    )
    return redirect("criteria:editor", pk=s.pk)
