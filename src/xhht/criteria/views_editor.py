"""The criteria editor: a province completes its set in forms, one small form per change.

``editor`` shows the set with what is still missing and a form for everything; each form posts
to one view that calls one action of ``criteria.edits``. On a problem the page comes back (400)
with the problems and the form as typed; nothing is saved. On success: back to the editor of the
row that now holds the set (a new version if the set was used), at the changed place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import BoundField, Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from xhht.accounts.access import Capability
from xhht.accounts.models import User
from xhht.core.http import user_of
from xhht.criteria import edits
from xhht.criteria.access import get_set_for_user
from xhht.criteria.definition import CriterionDef, DefinitionError, ItemDef
from xhht.criteria.editor_forms import (
    BandForm,
    BasisForm,
    CriterionForm,
    GroupForm,
    ItemForm,
    PointsForm,
    RulesForm,
)
from xhht.criteria.models import CriteriaSet

#: Which form came back with a problem: (kind, target), e.g. ("item", "1a"), ("item-add", "NL1").
Bound = tuple[str, str]


@dataclass
class ItemRow:
    item: ItemDef
    form: ItemForm
    first: bool
    last: bool
    open: bool = False


@dataclass
class CriterionRow:
    criterion: CriterionDef
    form: CriterionForm
    items: list[ItemRow]
    add_item: ItemForm
    points: list[BoundField]
    max_points: Decimal | None
    first: bool
    last: bool
    open: bool = False


@dataclass
class EditorPage:
    criteria_set: CriteriaSet
    bound: Bound | None = None
    bound_form: Form | None = None
    problems: list[str] = field(default_factory=list)
    #: The criterion or item just changed: its part of the page is shown open.
    opened: str = ""

    def _focus(self) -> set[str]:
        """The codes whose part of the page is shown open: the one just changed or refused."""
        return {code for code in (self.opened, self.bound[1] if self.bound else "") if code}

    def form(self, kind: str, target: str, build: Callable[[], Form]) -> Any:
        if self.bound == (kind, target) and self.bound_form is not None:
            return self.bound_form
        return build()

    def context(self) -> dict[str, Any]:
        s = self.criteria_set
        d = s.definition()
        groups = [(g.code, g.name) for g in d.groups]
        points = self.form("points", "", lambda: PointsForm(definition=d))
        rows = []
        for ci, c in enumerate(d.criteria):
            items = [
                ItemRow(
                    item=i,
                    form=self.form(
                        "item",
                        i.code,
                        lambda i=i: ItemForm(  # type: ignore[misc]  # bound per loop step
                            initial=ItemForm.initial_for(i),
                            groups=groups,
                            auto_id=f"id_item_{i.code}_%s",
                        ),
                    ),
                    first=ii == 0,
                    last=ii == len(c.items) - 1,
                    open=i.code == self.opened,
                )
                for ii, i in enumerate(c.items)
            ]
            criterion_initial = {
                "code": c.code,
                "name": c.name,
                "max_points": c.max_points,
                "min_points": c.min_points,
                "items_incomplete": c.items_incomplete,
            }
            rows.append(
                CriterionRow(
                    criterion=c,
                    form=self.form(
                        "criterion",
                        c.code,
                        lambda c=c, ini=criterion_initial: CriterionForm(  # type: ignore[misc]  # bound per loop step
                            initial=ini, auto_id=f"id_criterion_{c.code}_%s"
                        ),
                    ),
                    items=items,
                    add_item=self.form(
                        "item-add",
                        c.code,
                        lambda c=c: ItemForm(  # type: ignore[misc]  # bound per loop step
                            groups=groups, auto_id=f"id_new_item_{c.code}_%s"
                        ),
                    ),
                    points=[points[f"points-{i.code}"] for i in c.items if i.kind == "points"],
                    max_points=(
                        c.max_points if any(i.applies_to for i in c.items) else c.max_for(None)
                    ),
                    first=ci == 0,
                    last=ci == len(d.criteria) - 1,
                    open=bool(self._focus() & {c.code, *(i.code for i in c.items)}),
                )
            )
        rules_initial = {
            "pass_mark": d.pass_mark,
            "min_item_points": d.min_item_points,
            "max_total": d.rules.max_total,
        }
        basis_initial = {
            "name": d.name,
            "legal_document": d.legal_document,
            "legal_issuer": d.legal_issuer,
            "legal_date": d.legal_date,
            "valid_from": d.valid_from,
            "valid_to": d.valid_to,
        }
        return {
            "set": s,
            "definition": d,
            "missing": s.missing_values(),
            "problems": self.problems,
            "rows": rows,
            "points_form": points,
            "has_points": bool(points.codes),
            "rules_form": self.form("rules", "", lambda: RulesForm(initial=rules_initial)),
            "basis_form": self.form("basis", "", lambda: BasisForm(initial=basis_initial)),
            "groups": [
                (
                    g,
                    self.form(
                        "group",
                        g.code,
                        lambda g=g: GroupForm(  # type: ignore[misc]  # bound per loop step
                            initial={"code": g.code, "name": g.name},
                            auto_id=f"id_group_{g.code}_%s",
                        ),
                    ),
                )
                for g in d.groups
            ],
            "add_group": self.form("group-add", "", lambda: GroupForm(auto_id="id_new_group_%s")),
            "bands": [
                (
                    b,
                    self.form(
                        "band",
                        b.name,
                        lambda b=b, n=n: BandForm(  # type: ignore[misc]  # bound per loop step
                            initial={"name": b.name, "min_total": b.min_total},
                            auto_id=f"id_band_{n}_%s",
                        ),
                    ),
                )
                for n, b in enumerate(d.bands)
            ],
            "add_band": self.form("band-add", "", lambda: BandForm(auto_id="id_new_band_%s")),
            "add_criterion": self.form(
                "criterion-add", "", lambda: CriterionForm(auto_id="id_new_criterion_%s")
            ),
            "used_versions": s.is_used,
        }


def _manageable(request: HttpRequest, pk: int) -> tuple[User, CriteriaSet]:
    user = user_of(request)
    return user, get_set_for_user(user, pk, Capability.MANAGE_CRITERIA)


@require_safe
@login_required
def editor(request: HttpRequest, pk: int) -> HttpResponse:
    _user, criteria_set = _manageable(request, pk)
    page = EditorPage(criteria_set, opened=request.GET.get("open", "")[:20])
    return render(request, "criteria/editor.html", page.context())


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


@require_POST
@login_required
def edit_group(request: HttpRequest, pk: int) -> HttpResponse:
    user, s = _manageable(request, pk)
    op, target = _op(request)
    if op == "remove":
        return _run(
            request,
            s,
            bound=("group", target),
            form=None,
            act=lambda: edits.remove_group(user=user, criteria_set=s, group_code=target),
            message=_("Đã xóa nhóm đối tượng."),
            anchor="groups",
        )
    form = GroupForm(request.POST)
    if op == "update":
        return _run(
            request,
            s,
            bound=("group", target),
            form=form,
            act=lambda: edits.update_group(
                user=user, criteria_set=s, group_code=target, **form.cleaned_data
            ),
            message=_("Đã lưu nhóm đối tượng."),
            anchor="groups",
        )
    return _run(
        request,
        s,
        bound=("group-add", ""),
        form=form,
        act=lambda: edits.add_group(user=user, criteria_set=s, **form.cleaned_data),
        message=_("Đã thêm nhóm đối tượng."),
        anchor="groups",
    )


@require_POST
@login_required
def edit_band(request: HttpRequest, pk: int) -> HttpResponse:
    user, s = _manageable(request, pk)
    op, target = _op(request)
    if op == "remove":
        return _run(
            request,
            s,
            bound=("band", target),
            form=None,
            act=lambda: edits.remove_band(user=user, criteria_set=s, band_name=target),
            message=_("Đã xóa xếp loại."),
            anchor="rules",
        )
    form = BandForm(request.POST)
    if op == "update":
        return _run(
            request,
            s,
            bound=("band", target),
            form=form,
            act=lambda: edits.update_band(
                user=user, criteria_set=s, band_name=target, **form.cleaned_data
            ),
            message=_("Đã lưu xếp loại."),
            anchor="rules",
        )
    return _run(
        request,
        s,
        bound=("band-add", ""),
        form=form,
        act=lambda: edits.add_band(user=user, criteria_set=s, **form.cleaned_data),
        message=_("Đã thêm xếp loại."),
        anchor="rules",
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
