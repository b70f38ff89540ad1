"""Accounts and their roles, managed inside the manager's scope (``MANAGE_ACCOUNTS``).

Every state change asks for a confirmation page first (GET) and happens on POST; a generated
password is shown once, in the response to the POST, and stored nowhere in clear.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from xhht.accounts import actions
from xhht.accounts.access import get_place_for_user, require
from xhht.accounts.manage.forms import AccountCreateForm, AccountDetailsForm, RoleForm
from xhht.accounts.manage_access import (
    MANAGE,
    get_body_for_user,
    get_role_for_manager,
    get_user_for_manager,
    managed_users,
    may_administer,
    roles_in_scope,
)
from xhht.accounts.models import Body, RoleAssignment, User
from xhht.accounts.roles import Role
from xhht.audit.models import AuditEntry
from xhht.core.http import user_of
from xhht.core.text import fold


def _roles() -> Prefetch[str]:
    return Prefetch(
        "role_assignments",
        queryset=RoleAssignment.objects.select_related("place", "body").order_by("role"),
    )


@require_safe
@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    manager = user_of(request)
    require(manager, MANAGE)
    query = request.GET.get("q", "").strip()
    users = managed_users(manager)
    if query:
        users = users.filter(search_text__contains=fold(query))
    users = users.prefetch_related(_roles()).order_by("search_text", "pk")
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/manage/user_list.html", {"page": page, "query": query})


def _body_from_query(request: HttpRequest, manager: User) -> Body | None:
    body_pk = request.GET.get("body", "")
    return get_body_for_user(manager, int(body_pk), MANAGE) if body_pk.isdigit() else None


def _show_password(request: HttpRequest, account: User, password: str) -> HttpResponse:
    """The password appears in this one response (the views are ``never_cache``)."""
    context = {"account": account, "password": password}
    return render(request, "accounts/manage/password_shown.html", context)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def user_create(request: HttpRequest) -> HttpResponse:
    manager = user_of(request)
    require(manager, MANAGE)
    body = _body_from_query(request, manager)
    form = AccountCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                account, generated = actions.create_account(
                    manager=manager,
                    username=data["username"],
                    full_name=data["full_name"],
                    phone=data["phone"],
                    email=data["email"],
                    password=data["password"] or None,
                )
                if body is not None:
                    actions.add_role(
                        manager=manager, user=account, role=Role.BODY_OFFICER, body=body
                    )
        except actions.AccountError as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            form.add_error("password", error)
        else:
            messages.success(request, _("Đã tạo tài khoản “%(name)s”.") % {"name": account})
            if generated is not None:
                return _show_password(request, account, generated)
            return redirect("accounts:manage_user", pk=account.pk)
    return render(request, "accounts/manage/user_form.html", {"form": form, "body": body})


def _history(manager: User, account: User) -> list[AuditEntry]:
    """The account's own steps and every change of its roles, newest first."""
    user_type = ContentType.objects.get_for_model(User)
    role_type = ContentType.objects.get_for_model(RoleAssignment)
    entries = AuditEntry.objects.visible_to(manager).filter(
        Q(content_type=user_type, object_id=str(account.pk))
        | Q(content_type=role_type, after__user=account.pk)
        | Q(content_type=role_type, before__user=account.pk)
    )
    return list(entries.select_related("actor")[:50])


@require_safe
@login_required
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    manager = user_of(request)
    account = get_user_for_manager(manager, pk)
    in_scope = set(roles_in_scope(manager).filter(user=account).values_list("pk", flat=True))
    roles = [
        (role, role.pk in in_scope)
        for role in account.role_assignments.select_related("place", "body").order_by("role")
    ]
    context = {
        "account": account,
        "roles": roles,
        "can_administer": may_administer(manager, account),
        "can_grant": account.pk != manager.pk,
        "page": _history(manager, account),
    }
    return render(request, "accounts/manage/user_detail.html", context)


def _administered(request: HttpRequest, pk: int) -> tuple[User, User] | HttpResponse:
    """(manager, account) when the manager may change the account itself, else a redirect."""
    manager = user_of(request)
    account = get_user_for_manager(manager, pk)
    if not may_administer(manager, account):
        messages.error(
            request,
            _(
                "Tài khoản này còn có vai trò ngoài phạm vi quản lý của bạn; "
                "hãy đề nghị cấp trên thực hiện."
            ),
        )
        return redirect("accounts:manage_user", pk=account.pk)
    return manager, account


@login_required
@require_http_methods(["GET", "POST"])
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = _administered(request, pk)
    if isinstance(found, HttpResponse):
        return found
    manager, account = found
    initial = {"full_name": account.full_name, "phone": account.phone, "email": account.email}
    form = AccountDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_account(manager=manager, user=account, **form.cleaned_data)
        except actions.AccountError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã lưu “%(name)s”.") % {"name": account})
            return redirect("accounts:manage_user", pk=account.pk)
    return render(request, "accounts/manage/user_form.html", {"form": form, "account": account})


@login_required
@require_http_methods(["GET", "POST"])
def user_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    """Lock an active account or unlock a locked one (confirmation first)."""
    found = _administered(request, pk)
    if isinstance(found, HttpResponse):
        return found
    manager, account = found
    activate = not account.is_active
    if request.method == "POST":
        reason = request.POST.get("reason", "").strip()[:500]
        try:
            actions.set_active(manager=manager, user=account, active=activate, reason=reason)
        except actions.AccountError as error:
            messages.error(request, error.message)
        else:
            done = _("Đã mở khóa “%(name)s”.") if activate else _("Đã khóa “%(name)s”.")
            messages.success(request, done % {"name": account})
        return redirect("accounts:manage_user", pk=account.pk)
    title = _("Mở khóa tài khoản") if activate else _("Khóa tài khoản")
    explanation = (
        _("Người dùng sẽ đăng nhập lại được với mật khẩu hiện có.")
        if activate
        else _(
            "Người dùng sẽ không đăng nhập được nữa; tài khoản, vai trò và lịch sử được giữ "
            "nguyên và có thể mở khóa lại."
        )
    )
    context = {"account": account, "title": title, "explanation": explanation, "reason": True}
    return render(request, "accounts/manage/confirm.html", context)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def user_reset_password(request: HttpRequest, pk: int) -> HttpResponse:
    found = _administered(request, pk)
    if isinstance(found, HttpResponse):
        return found
    manager, account = found
    if request.method == "POST":
        try:
            password = actions.reset_password(manager=manager, user=account)
        except actions.AccountError as error:
            messages.error(request, error.message)
            return redirect("accounts:manage_user", pk=account.pk)
        return _show_password(request, account, password)
    context = {
        "account": account,
        "title": _("Đặt lại mật khẩu"),
        "explanation": _(
            "Hệ thống tạo một mật khẩu mới và hiện nó một lần; mật khẩu cũ hết hiệu lực ngay "
            "và người dùng bị đăng xuất khỏi mọi thiết bị."
        ),
    }
    return render(request, "accounts/manage/confirm.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def role_add(request: HttpRequest, pk: int) -> HttpResponse:
    manager = user_of(request)
    account = get_user_for_manager(manager, pk)
    if account.pk == manager.pk:
        messages.error(request, str(actions.OWN_ACCOUNT_REFUSED))
        return redirect("accounts:manage_user", pk=account.pk)
    query = request.GET.get("q", "").strip()
    initial = {}
    if request.GET.get("place", "").isdigit():
        initial["place"] = get_place_for_user(manager, int(request.GET["place"]), MANAGE)
    form = RoleForm(request.POST or None, manager=manager, query=query, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.add_role(
                manager=manager,
                user=account,
                role=data["role"],
                place=data["place"],
                body=data["body"],
            )
        except actions.AccountError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã giao vai trò cho “%(name)s”.") % {"name": account})
            return redirect("accounts:manage_user", pk=account.pk)
    context = {"form": form, "account": account, "query": query}
    return render(request, "accounts/manage/role_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def role_remove(request: HttpRequest, pk: int) -> HttpResponse:
    manager = user_of(request)
    assignment = get_role_for_manager(manager, pk)
    account = assignment.user
    if request.method == "POST":
        reason = request.POST.get("reason", "").strip()[:500]
        try:
            actions.remove_role(manager=manager, assignment=assignment, reason=reason)
        except actions.AccountError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã gỡ vai trò “%(role)s”.") % {"role": assignment})
            if not managed_users(manager).filter(pk=account.pk).exists():
                return redirect("accounts:manage_users")
        return redirect("accounts:manage_user", pk=account.pk)
    context = {
        "account": account,
        "title": _("Gỡ vai trò"),
        "explanation": str(assignment),
        "reason": True,
    }
    return render(request, "accounts/manage/confirm.html", context)
