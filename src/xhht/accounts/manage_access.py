"""Which accounts, roles, places and bodies a manager (``MANAGE_ACCOUNTS``) may act on.

A manager's scope is where they hold ``MANAGE_ACCOUNTS`` (a province coordinator: the province's
subtree; the administrator: everywhere). They see the accounts holding at least one role inside
that scope and the accounts they created; they change an account's name, password or status
only when every role of the account lies inside their scope (so a province never takes over an
account that also works elsewhere, nor an administrator's). Fetch helpers give the same 404 for
"missing" and "not yours".
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from xhht.accounts.access import (
    EVERYWHERE,
    Capability,
    require,
    scope_filter,
    scope_paths,
    visible_places,
)
from xhht.accounts.models import Body, RoleAssignment, User
from xhht.accounts.roles import Role
from xhht.core.text import fold
from xhht.places.models import Level, Place

MANAGE = Capability.MANAGE_ACCOUNTS


def manages_everywhere(manager: User) -> bool:
    return EVERYWHERE in scope_paths(manager, MANAGE)


def roles_in_scope(manager: User) -> QuerySet[RoleAssignment]:
    """Role assignments held at a place or a body inside the manager's scope."""
    if manages_everywhere(manager):
        return RoleAssignment.objects.all()
    return RoleAssignment.objects.filter(
        scope_filter(manager, MANAGE, "place__path")
        | scope_filter(manager, MANAGE, "body__place__path")
    )


def managed_users(manager: User) -> QuerySet[User]:
    """Accounts the manager may see: a role inside their scope, or created by them."""
    if not scope_paths(manager, MANAGE):
        return User.objects.none()
    if manages_everywhere(manager):
        return User.objects.all()
    holders = roles_in_scope(manager).values("user_id")
    return User.objects.filter(Q(pk__in=holders) | Q(created_by=manager))


def may_administer(manager: User, target: User) -> bool:
    """Whether the manager may change the account itself (details, password, active)."""
    if manages_everywhere(manager):
        return True
    if target.is_superuser or target.is_staff:
        return False
    held = target.role_assignments.count()
    return held == roles_in_scope(manager).filter(user=target).count()


def get_user_for_manager(manager: User, pk: int) -> User:
    """The account if the manager may see it; the same 404 as for a missing one otherwise."""
    require(manager, MANAGE)
    return get_object_or_404(managed_users(manager), pk=pk)


def get_role_for_manager(manager: User, pk: int) -> RoleAssignment:
    require(manager, MANAGE)
    queryset = roles_in_scope(manager).select_related("user", "place", "body__place")
    return get_object_or_404(queryset, pk=pk)


def get_body_for_user(user: User, pk: int, capability: str = Capability.VIEW) -> Body:
    """The body if ``user`` holds ``capability`` at its place; the same 404 otherwise."""
    return get_object_or_404(
        Body.objects.visible_to(user, capability).select_related("place"), pk=pk
    )


def assignable_places(manager: User) -> QuerySet[Place]:
    """Current places where the manager may give roles or put bodies."""
    return visible_places(manager, MANAGE).current()


def suggested_places(manager: User, query: str = "", limit: int = 200) -> list[Place]:
    """The places a form offers: those matching ``query`` (folded), else the top of the scope
    and the level under it (provinces for the administrator, a province and its communes for
    its coordinator); hamlets are found by searching."""
    places = assignable_places(manager)
    if query:
        places = places.filter(search_text__contains=fold(query))
    elif manages_everywhere(manager):
        places = places.filter(level=Level.PROVINCE)
    else:
        tops = Place.objects.at_paths(scope_paths(manager, MANAGE)).values("pk")
        places = places.filter(Q(pk__in=tops) | Q(parent_id__in=tops)).exclude(level=Level.HAMLET)
    return list(places.select_related("parent").order_by("depth", "sort_key")[:limit])


def assignable_bodies(manager: User) -> QuerySet[Body]:
    return Body.objects.visible_to(manager, MANAGE).select_related("place")


def assignable_roles(manager: User) -> list[tuple[str, str]]:
    """Role choices: the administrator's role only for whoever manages everywhere."""
    everywhere = manages_everywhere(manager)
    return [
        (value, str(label)) for value, label in Role.choices if everywhere or value != Role.ADMIN
    ]


def manager_place(manager: User) -> Place | None:
    """The top place of the manager's scope (their province), ``None`` for everywhere."""
    prefixes = scope_paths(manager, MANAGE)
    if not prefixes or EVERYWHERE in prefixes:
        return None
    return Place.objects.at_paths(prefixes).order_by("depth", "sort_key").first()
