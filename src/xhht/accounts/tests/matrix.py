"""Permission-matrix rows of the account and body management pages: the administrator and the
province coordinator for accounts and bodies inside the test province; everyone else 403/404."""

from __future__ import annotations

from django.urls import reverse

from xhht.accounts.models import RoleAssignment, User
from xhht.accounts.roles import Role
from xhht.testing.matrix import EVERYONE, Entry
from xhht.testing.world import World

MANAGERS = frozenset({"admin", "coordinator"})


def _managed_user(w: World) -> User:
    user = User.objects.create_user(username="matrix_clerk", full_name="Trần Thị Bích")
    RoleAssignment.objects.create(user=user, role=Role.HAMLET_HEAD, place=w.other_hamlet)
    return user


def _managed_role(w: World) -> RoleAssignment:
    user = w.once("managed_user", _managed_user)
    return RoleAssignment.objects.create(user=user, role=Role.REVIEWER, place=w.other_commune)


def _user_url(name: str, *, get_only: bool = False) -> Entry:
    return Entry(
        lambda w: reverse(name, args=[w.once("managed_user", _managed_user).pk]),
        MANAGERS,
        get_only=get_only,
    )


MATRIX = {
    "accounts:manage_users": Entry(
        lambda w: reverse("accounts:manage_users"), MANAGERS, get_only=True
    ),
    "accounts:manage_user_create": Entry(
        lambda w: reverse("accounts:manage_user_create"), MANAGERS
    ),
    "accounts:manage_user": _user_url("accounts:manage_user", get_only=True),
    "accounts:manage_user_edit": _user_url("accounts:manage_user_edit"),
    "accounts:manage_user_active": _user_url("accounts:manage_user_active"),
    "accounts:manage_user_password": _user_url("accounts:manage_user_password"),
    "accounts:manage_role_add": _user_url("accounts:manage_role_add"),
    "accounts:manage_role_remove": Entry(
        lambda w: reverse(
            "accounts:manage_role_remove", args=[w.once("managed_role", _managed_role).pk]
        ),
        MANAGERS,
    ),
    "accounts:manage_bodies": Entry(
        lambda w: reverse("accounts:manage_bodies"), MANAGERS, get_only=True
    ),
    "accounts:manage_body_create": Entry(
        lambda w: reverse("accounts:manage_body_create"), MANAGERS
    ),
    "accounts:manage_body": Entry(
        lambda w: reverse("accounts:manage_body", args=[w.body.pk]), MANAGERS, get_only=True
    ),
    "accounts:manage_body_edit": Entry(
        lambda w: reverse("accounts:manage_body_edit", args=[w.body.pk]), MANAGERS
    ),
    # Every persona changes their own password (the form, without data, shows its errors).
    "accounts:password_change": Entry(lambda w: reverse("accounts:password_change"), EVERYONE),
}
