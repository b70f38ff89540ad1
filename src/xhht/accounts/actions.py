"""Managing accounts and roles: each step checks the manager's scope, runs atomically and is
audited (role changes by the audit signals of ``RoleAssignment``, account changes by
``record_step``; passwords never enter the trail)."""

from __future__ import annotations

import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xhht.accounts.access import ROLE_CAPABILITIES, Capability, can, home_place, require
from xhht.accounts.manage_access import (
    MANAGE,
    managed_users,
    manager_place,
    manages_everywhere,
    may_administer,
    roles_in_scope,
)
from xhht.accounts.models import Body, RoleAssignment, User
from xhht.accounts.roles import Role
from xhht.accounts.usernames import USERNAME_MESSAGE, normalise_username, username_validator
from xhht.audit.actions import record_step
from xhht.audit.context import acting_as
from xhht.places.models import Level, Place

#: Letters and digits that cannot be mistaken for one another when read out or copied by hand.
READABLE_CHARACTERS = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
DETAIL_FIELDS = ("full_name", "phone", "email")
OWN_ACCOUNT_REFUSED = gettext_lazy(
    "Bạn không tự giao vai trò cho chính mình được; hãy đề nghị một người quản lý khác thực hiện."
)


class AccountError(Exception):
    """A change that cannot be made; the message (Vietnamese) says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def generate_password() -> str:
    """Three groups of five characters (about 87 bits), e.g. ``k7RtQ-mX2pa-9dWfh``."""
    groups = ("".join(secrets.choice(READABLE_CHARACTERS) for _ in range(5)) for _ in range(3))
    return "-".join(groups)


def _require_administer(manager: User, target: User) -> None:
    require(manager, MANAGE)
    if not managed_users(manager).filter(pk=target.pk).exists():
        raise PermissionDenied
    if not may_administer(manager, target):
        raise AccountError(
            _(
                "Tài khoản này còn có vai trò ngoài phạm vi quản lý của bạn; "
                "hãy đề nghị cấp trên thực hiện."
            )
        )


def create_account(
    *,
    manager: User,
    username: str,
    full_name: str,
    phone: str = "",
    email: str = "",
    password: str | None = None,
) -> tuple[User, str | None]:
    """Create an account; returns it with the generated password (``None`` when one was given).

    Raises ``ValidationError`` (Django's Vietnamese messages) for a weak password.
    """
    require(manager, MANAGE)
    username = normalise_username(username)
    try:
        username_validator(username)
    except ValidationError as error:
        raise AccountError(str(USERNAME_MESSAGE)) from error
    if User.objects.filter(username__iexact=username).exists():
        raise AccountError(_("Tên đăng nhập “%(name)s” đã có người dùng.") % {"name": username})
    user = User(username=username, full_name=full_name, phone=phone, email=email)
    generated = None
    if password is None:
        password = generated = generate_password()
    validate_password(password, user)
    user.set_password(password)
    user.created_by = manager
    try:
        with transaction.atomic(), acting_as(manager):
            user.save()
            _record_created(manager, user)
    except IntegrityError as exc:  # the same username saved by someone else meanwhile
        raise AccountError(
            _("Tên đăng nhập “%(name)s” đã có người dùng.") % {"name": username}
        ) from exc
    return user, generated


def _record_created(manager: User, user: User) -> None:
    record_step(
        actor=manager,
        obj=user,
        step="account_created",
        place=manager_place(manager),
        after={"username": user.username, **_details(user)},
    )


def _details(user: User) -> dict[str, str]:
    return {name: str(getattr(user, name)) for name in DETAIL_FIELDS}


def update_account(
    *, manager: User, user: User, full_name: str, phone: str, email: str
) -> list[str]:
    """Change an account's details; returns the names of the fields that changed."""
    _require_administer(manager, user)
    with transaction.atomic(), acting_as(manager):
        locked = User.objects.select_for_update().get(pk=user.pk)
        before = _details(locked)
        locked.full_name, locked.phone, locked.email = full_name, phone, email
        after = _details(locked)
        changed = [name for name in DETAIL_FIELDS if before[name] != after[name]]
        if not changed:
            return []
        locked.save(update_fields=changed)
        record_step(
            actor=manager,
            obj=locked,
            step="account_updated",
            place=manager_place(manager),
            before={k: before[k] for k in changed},
            after={k: after[k] for k in changed},
        )
    user.refresh_from_db()
    return changed


def set_active(*, manager: User, user: User, active: bool, reason: str = "") -> None:
    """Lock (``active=False``) or unlock an account; accounts are never deleted."""
    if user.pk == manager.pk and not active:
        raise AccountError(_("Bạn không thể tự khóa tài khoản của mình."))
    _require_administer(manager, user)
    with transaction.atomic(), acting_as(manager, reason=reason):
        updated = User.objects.filter(pk=user.pk, is_active=not active).update(is_active=active)
        if not updated:
            return  # already in the wanted state (another manager, or a second click)
        record_step(
            actor=manager,
            obj=user,
            step="account_reactivated" if active else "account_deactivated",
            place=manager_place(manager),
            before={"is_active": not active},
            after={"is_active": active},
            reason=reason,
        )
    user.refresh_from_db()


def reset_password(*, manager: User, user: User) -> str:
    """Give the account a new generated password, returned to be shown once."""
    _require_administer(manager, user)
    password = generate_password()
    with transaction.atomic(), acting_as(manager):
        locked = User.objects.select_for_update().get(pk=user.pk)
        locked.set_password(password)
        locked.save(update_fields=["password"])
        record_step(actor=manager, obj=locked, step="password_reset", place=manager_place(manager))
    return password


def change_own_password(*, user: User, password: str) -> None:
    """A user sets a new password for their own account (checked by the form); audited."""
    validate_password(password, user)
    with transaction.atomic(), acting_as(user):
        locked = User.objects.select_for_update().get(pk=user.pk)
        locked.set_password(password)
        locked.save(update_fields=["password"])
        record_step(actor=user, obj=locked, step="password_changed", place=home_place(user))
    user.password = locked.password


def check_role_target(*, manager: User, role: str, place: Place | None, body: Body | None) -> None:
    """Refuse, in Vietnamese, a role the manager may not give at that place or body."""
    if role not in Role.values:
        raise AccountError(_("Vai trò không hợp lệ."))
    if role == Role.ADMIN:
        if not manages_everywhere(manager):
            raise AccountError(_("Chỉ quản trị hệ thống mới giao được vai trò quản trị hệ thống."))
        if place is not None or body is not None:
            raise AccountError(_("Vai trò quản trị hệ thống áp dụng toàn quốc; bỏ trống địa bàn."))
        return
    if (place is None) == (body is None):
        raise AccountError(_("Hãy chọn một địa bàn hoặc một cơ quan (chỉ một)."))
    if role == Role.BODY_OFFICER and body is None:
        raise AccountError(_("Cán bộ sở, ban, ngành, đoàn thể phải gắn với một cơ quan."))
    if role == Role.CENTRE_OFFICER and (place is None or place.level != Level.COMMUNE):
        raise AccountError(
            _("Cán bộ trung tâm học tập cộng đồng gắn với xã, phường nơi có trung tâm.")
        )
    where = body.place if body is not None else place
    if where is None or not can(manager, MANAGE, where):
        raise AccountError(_("Địa bàn hoặc cơ quan này nằm ngoài phạm vi quản lý của bạn."))
    if not where.is_current:
        raise AccountError(_("Địa bàn này đã hết hiệu lực; hãy chọn đơn vị hiện hành."))


def add_role(
    *, manager: User, user: User, role: str, place: Place | None = None, body: Body | None = None
) -> RoleAssignment:
    """Give ``user`` a role at a place or a body inside the manager's scope (audited); never
    to the manager's own account: another manager must (no one raises their own rights)."""
    require(manager, MANAGE)
    if not managed_users(manager).filter(pk=user.pk).exists():
        raise PermissionDenied
    if user.pk == manager.pk:
        raise AccountError(str(OWN_ACCOUNT_REFUSED))
    check_role_target(manager=manager, role=role, place=place, body=body)
    with transaction.atomic(), acting_as(manager):
        exists = RoleAssignment.objects.filter(user=user, role=role, place=place, body=body)
        if exists.exists():
            raise AccountError(_("Tài khoản đã có vai trò này ở đó."))
        assignment = RoleAssignment.objects.create(user=user, role=role, place=place, body=body)
    _forget_scope(user)
    return assignment


def remove_role(*, manager: User, assignment: RoleAssignment, reason: str = "") -> None:
    """Take a role away (audited); a manager never removes their own last way to manage."""
    require(manager, MANAGE)
    if not roles_in_scope(manager).filter(pk=assignment.pk).exists():
        raise PermissionDenied
    with transaction.atomic(), acting_as(manager, reason=reason):
        locked = RoleAssignment.objects.select_for_update().filter(pk=assignment.pk).first()
        if locked is None:
            return  # removed meanwhile
        if locked.user_id == manager.pk and not manager.is_superuser:
            _refuse_lockout(manager, locked)
        locked.delete()
    _forget_scope(manager)


def _refuse_lockout(manager: User, assignment: RoleAssignment) -> None:
    others = manager.role_assignments.select_for_update().exclude(pk=assignment.pk)
    if not any(
        Capability.MANAGE_ACCOUNTS in ROLE_CAPABILITIES.get(role, frozenset())
        for role in others.values_list("role", flat=True)
    ):
        raise AccountError(
            _(
                "Đây là vai trò cuối cùng cho phép bạn quản lý tài khoản; "
                "gỡ nó sẽ khóa bạn khỏi trang này."
            )
        )


def _forget_scope(user: User) -> None:
    """Drop the per-request caches of ``access`` after the user's roles changed."""
    for attribute in ("_xhht_scope_cache", "_xhht_roles_cache", "_xhht_assignments"):
        user.__dict__.pop(attribute, None)
