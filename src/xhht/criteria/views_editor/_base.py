"""What every editor view shares: the set it may manage, the action run, the answer."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability
from xhht.accounts.models import User
from xhht.core.http import user_of
from xhht.criteria.access import get_set_for_user
from xhht.criteria.definition import DefinitionError
from xhht.criteria.models import CriteriaSet
from xhht.criteria.views_editor.page import Bound, EditorPage


def _manageable(request: HttpRequest, pk: int) -> tuple[User, CriteriaSet]:
    user = user_of(request)
    return user, get_set_for_user(user, pk, Capability.MANAGE_CRITERIA)


def _done(
    request: HttpRequest, old: CriteriaSet, saved: CriteriaSet, message: str, anchor: str = ""
) -> HttpResponse:
    messages.success(request, message)
    if saved.pk != old.pk:
        messages.warning(
            request,
            _(
                "Bộ tiêu chí đã được dùng để đánh giá nên không sửa trực tiếp: đã tạo phiên bản %(v)s. "
                "Phiên bản cũ vẫn áp dụng cho đến khi phiên bản mới đủ giá trị."
            )
            % {"v": saved.version},
        )
    if saved.complete and not old.complete:
        messages.success(
            request, _("Bộ tiêu chí đã đủ giá trị: từ bây giờ dùng được để đăng ký và công nhận.")
        )
    elif old.complete and not saved.complete:
        messages.warning(
            request, _("Bộ tiêu chí chưa đủ giá trị nữa: xem mục “Còn thiếu” ở đầu trang.")
        )
    url = reverse("criteria:editor", args=[saved.pk])
    if anchor.startswith("x-"):
        url += "?" + urlencode({"open": anchor[2:]})
    return redirect(f"{url}#{anchor}" if anchor else url)


def _run(
    request: HttpRequest,
    criteria_set: CriteriaSet,
    *,
    bound: Bound,
    form: Form | None,
    act: Callable[[], CriteriaSet],
    message: str,
    anchor: str = "",
) -> HttpResponse:
    """Call the action when the form is valid; otherwise, or on a refused set, the page again."""
    problems: list[str] = []
    if form is None or form.is_valid():
        try:
            saved = act()
        except DefinitionError as exc:
            problems = exc.problems
        else:
            return _done(request, criteria_set, saved, message, anchor)
    else:
        problems = [
            f"{form.fields[name].label}: {error}" if name in form.fields else str(error)
            for name, errors in form.errors.items()
            for error in errors
        ]
    page = EditorPage(criteria_set, bound=bound, bound_form=form, problems=problems)
    return render(request, "criteria/editor.html", page.context(), status=400)


def _op(request: HttpRequest) -> tuple[str, str]:
    return request.POST.get("op", ""), request.POST.get("target", "")
