from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from xhht.accounts.access import Capability, can, home_place, require
from xhht.accounts.models import User
from xhht.core.http import user_of, xlsx_response
from xhht.criteria.access import get_set_for_user
from xhht.criteria.actions import create_set, derive_variant, may_manage, revise_set
from xhht.criteria.definition import DefinitionError, SetDefinition, parse_definition
from xhht.criteria.forms import UploadForm, YamlForm
from xhht.criteria.loading import load_sets, sets_from_upload, sets_from_yaml
from xhht.criteria.models import CriteriaSet, Title
from xhht.criteria.serialize import to_yaml
from xhht.criteria.xlsx import blank_template, set_xlsx
from xhht.places.models import Level

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


def _default_province_code(user: User) -> str | None:
    place = home_place(user)
    province = place.ancestor_of_level(Level.PROVINCE) if place is not None else None
    return province.code if province is not None else None


@require_safe
@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.VIEW)
    sets = CriteriaSet.objects.visible_to(user).select_related("province")
    title = request.GET.get("title", "")
    if title in Title.values:
        sets = sets.filter(title=title)
    context = {
        "sets": sets.order_by("title", "province__name", "code", "-version"),
        "titles": Title.choices,
        "title": title,
        "can_manage": can(user, Capability.MANAGE_CRITERIA),
    }
    return render(request, "criteria/index.html", context)


@require_safe
@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    criteria_set = get_set_for_user(user, pk)
    place = home_place(user)
    province = place.ancestor_of_level(Level.PROVINCE) if place is not None else None
    variant = None
    if criteria_set.province is None and province is not None:
        variant = (
            CriteriaSet.objects.filter(code=f"{criteria_set.code}-{province.code}")
            .order_by("-version")
            .first()
        )
    context = {
        "set": criteria_set,
        "definition": criteria_set.definition(),
        "missing": criteria_set.missing_values(),
        "can_manage": may_manage(user, criteria_set.province),
        "can_derive": criteria_set.province is None
        and province is not None
        and can(user, Capability.MANAGE_CRITERIA, province),
        "variant": variant,
        "versions": CriteriaSet.objects.filter(code=criteria_set.code).order_by("-version"),
    }
    return render(request, "criteria/detail.html", context)


def _preview_or_save(
    request: HttpRequest, form: YamlForm, save: Any
) -> tuple[SetDefinition | None, list[str], CriteriaSet | None]:
    """Validate the YAML; on "Lưu" call ``save(data, reason)``. Returns preview, problems, saved."""
    try:
        datas = sets_from_yaml(form.cleaned_data["text"])
        if len(datas) != 1:
            raise DefinitionError([_("Hãy nhập đúng một bộ tiêu chí.")])
        definition = parse_definition(datas[0])
        if "save" in request.POST:
            return definition, [], save(datas[0], form.cleaned_data["reason"])
        return definition, [], None
    except DefinitionError as exc:
        return None, exc.problems, None


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.MANAGE_CRITERIA)
    starter: dict[str, Any] = {
        "code": "",
        "name": "",
        "title": Title.FAMILY.value,
        "province": _default_province_code(user),
        "legal_basis": {"document": "", "issuer": "", "date": None, "url": ""},
        "rules": {"pass_mark": None, "all_items_required": False, "bands": []},
        "criteria": [
            {
                "code": "TC1",
                "name": "",
                "max_points": None,
                "items": [{"code": "1.1", "text": "", "kind": "points", "max_points": None}],
            }
        ],
    }
    form = YamlForm(request.POST or None, initial={"text": to_yaml(starter)})
    preview: SetDefinition | None = None
    problems: list[str] = []
    saved: CriteriaSet | None = None
    if request.method == "POST" and form.is_valid():
        preview, problems, saved = _preview_or_save(
            request, form, lambda data, reason: create_set(user=user, data=data, reason=reason)
        )
        if saved is not None:
            messages.success(request, _("Đã tạo bộ tiêu chí “%(name)s”.") % {"name": saved.name})
            return redirect("criteria:detail", pk=saved.pk)
    status = 400 if problems else 200
    context = {"form": form, "preview": preview, "problems": problems}
    return render(request, "criteria/edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    criteria_set = get_set_for_user(user, pk, Capability.MANAGE_CRITERIA)
    form = YamlForm(request.POST or None, initial={"text": to_yaml(criteria_set.definition_json)})
    preview: SetDefinition | None = None
    problems: list[str] = []
    saved: CriteriaSet | None = None
    if request.method == "POST" and form.is_valid():
        preview, problems, saved = _preview_or_save(
            request,
            form,
            lambda data, reason: revise_set(
                user=user, criteria_set=criteria_set, data=data, reason=reason
            ),
        )
        if saved is not None:
            return _saved(request, criteria_set, saved)
    status = 400 if problems else 200
    context = {"form": form, "preview": preview, "problems": problems, "set": criteria_set}
    return render(request, "criteria/edit.html", context, status=status)


def _saved(request: HttpRequest, old: CriteriaSet, saved: CriteriaSet) -> HttpResponse:
    if saved.pk != old.pk:
        messages.success(
            request,
            _("Bộ tiêu chí đã được dùng nên không sửa trực tiếp: đã tạo phiên bản %(v)s.")
            % {"v": saved.version},
        )
    else:
        messages.success(request, _("Đã lưu bộ tiêu chí."))
    return redirect("criteria:detail", pk=saved.pk)


@login_required
@require_POST
def derive(request: HttpRequest, pk: int) -> HttpResponse:
    """A province's own copy of a national set, to complete or adapt."""
    user = user_of(request)
    criteria_set = get_set_for_user(user, pk)
    place = home_place(user)
    province = place.ancestor_of_level(Level.PROVINCE) if place is not None else None
    require(user, Capability.MANAGE_CRITERIA, province)
    if province is None:
        messages.error(request, _("Chỉ cán bộ cấp tỉnh tạo được bộ tiêu chí của tỉnh mình."))
        return redirect("criteria:detail", pk=criteria_set.pk)
    variant = derive_variant(user=user, criteria_set=criteria_set, province=province)
    messages.success(
        request,
        _("Bộ tiêu chí của tỉnh: “%(name)s”. Hoàn thiện các giá trị còn thiếu bên dưới.")
        % {"name": variant.name},
    )
    return redirect("criteria:editor", pk=variant.pk)


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.MANAGE_CRITERIA)
    form = UploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_UPLOAD_BYTES:
                raise DefinitionError([_("Tệp quá lớn; giới hạn là 2 MB.")])
            report = load_sets(sets_from_upload(upload, upload.name), user=user)
        except DefinitionError as exc:
            problems = exc.problems
        else:
            messages.success(
                request,
                _("Đã nạp: %(c)s bộ mới, %(r)s bộ sửa hoặc phiên bản mới, %(u)s không đổi.")
                % {"c": len(report.created), "r": len(report.revised), "u": len(report.unchanged)},
            )
            return redirect("criteria:index")
    status = 400 if problems else 200
    return render(
        request, "criteria/upload.html", {"form": form, "problems": problems}, status=status
    )


@require_safe
@login_required
def template_xlsx(request: HttpRequest) -> HttpResponse:
    require(user_of(request), Capability.MANAGE_CRITERIA)
    return xlsx_response(blank_template(), "mau-bo-tieu-chi.xlsx")


@require_safe
@login_required
def export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    criteria_set = get_set_for_user(user_of(request), pk)
    return xlsx_response(
        set_xlsx(criteria_set.definition_json), f"{criteria_set.code}-v{criteria_set.version}.xlsx"
    )


@require_safe
@login_required
def export_yaml(request: HttpRequest, pk: int) -> HttpResponse:
    criteria_set = get_set_for_user(user_of(request), pk)
    response = HttpResponse(
        to_yaml(criteria_set.definition_json), content_type="application/yaml; charset=utf-8"
    )
    filename = f"{criteria_set.code}-v{criteria_set.version}.yaml"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
