"""Who may do what, where: the single place where roles become place scopes.

A role held at a place gives its capabilities over that place's subtree; a role held at a body
gives them over the body's place. Every scoped queryset (``.visible_to(user, capability)``)
and every ``get_<thing>_for_user`` helper goes through ``scope_filter``.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from xhht.accounts.roles import Role
from xhht.places.models import Place, PlaceQuerySet

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from xhht.accounts.models import RoleAssignment, User


class Capability(StrEnum):
    VIEW = "view"  # read the records of the places in scope
    MANAGE_PLACES = "manage_places"  # add and edit hamlets, import hamlet sheets
    MANAGE_REGISTRY = "manage_registry"  # households, people, clans, units
    VIEW_PERSONAL_ID = "view_personal_id"  # see CCCD numbers unmasked
    ASSESS = "assess"  # register and self-assess on behalf of subjects
    REVIEW = "review"  # review assessments, propose to the council
    RECOGNISE = "recognise"  # issue recognition decisions, revoke
    MANAGE_CRITERIA = "manage_criteria"
    MANAGE_PLANS = "manage_plans"  # plans, targets, entered indicator values
    REPORT = "report"  # fill and submit reports, update tasks
    RECEIVE_REPORTS = "receive_reports"  # accept or return reports, consolidate
    MANAGE_ACCOUNTS = "manage_accounts"
    SELF_SERVICE = "self_service"  # a citizen's own record and self-assessment
    MANAGE_CENTRES = "manage_centres"  # learning centres and institutions, campaigns opened
    MANAGE_CLASSES = "manage_classes"  # classes, participants, attendance, learning records
    CONTRIBUTE_RESOURCES = "contribute_resources"  # offer open learning resources, collections
    CURATE_RESOURCES = "curate_resources"  # publish or return the resources of the province
    MANAGE_PCGD = "manage_pcgd"  # schooling and literacy records, conditions, a commune's PCGD file
    RECOGNISE_PCGD = "recognise_pcgd"  # check and recognise communes' PCGD files, province rules
    MANAGE_ASSOCIATION = "manage_association"  # Hội Khuyến học branches, members, funds
    NOMINATE = "nominate"  # propose exemplary people and collectives for commendation
    DECIDE_COMMENDATION = "decide_commendation"  # open movements, decide Giấy khen/Bằng khen
    INSPECT = "inspect"  # inspect the places and bodies below, close recommendations


C = Capability
ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.ADMIN: frozenset(C),
    Role.PROVINCE_COORDINATOR: frozenset(
        {
            C.VIEW,
            C.MANAGE_PLACES,
            C.MANAGE_REGISTRY,
            C.VIEW_PERSONAL_ID,
            C.REVIEW,
            C.RECOGNISE,
            C.MANAGE_CRITERIA,
            C.MANAGE_PLANS,
            C.REPORT,
            C.RECEIVE_REPORTS,
            C.MANAGE_ACCOUNTS,
            C.MANAGE_CENTRES,
            C.MANAGE_CLASSES,
            C.CONTRIBUTE_RESOURCES,
            C.CURATE_RESOURCES,
            C.MANAGE_PCGD,
            C.RECOGNISE_PCGD,
            C.DECIDE_COMMENDATION,
            C.INSPECT,
        }
    ),
    Role.COMMUNE_OFFICER: frozenset(
        {
            C.VIEW,
            C.MANAGE_PLACES,
            C.MANAGE_REGISTRY,
            C.VIEW_PERSONAL_ID,
            C.ASSESS,
            C.REVIEW,
            C.RECOGNISE,
            C.MANAGE_PLANS,
            C.REPORT,
            C.RECEIVE_REPORTS,
            C.MANAGE_CENTRES,
            C.MANAGE_CLASSES,
            C.CONTRIBUTE_RESOURCES,
            C.MANAGE_PCGD,
            C.NOMINATE,
            C.DECIDE_COMMENDATION,
            C.INSPECT,
        }
    ),
    # MANAGE_PCGD held at the hamlet: the PCGD–XMC household survey is done hamlet by hamlet;
    # the commune-level steps (school lists, the file) check it at the commune, out of reach.
    Role.HAMLET_HEAD: frozenset(
        {C.VIEW, C.MANAGE_REGISTRY, C.MANAGE_PCGD, C.ASSESS, C.REVIEW, C.NOMINATE}
    ),
    Role.ASSOCIATION_OFFICER: frozenset(
        {
            C.VIEW,
            C.ASSESS,
            C.REVIEW,
            C.REPORT,
            C.CONTRIBUTE_RESOURCES,
            C.MANAGE_ASSOCIATION,
            C.NOMINATE,
        }
    ),
    Role.BODY_OFFICER: frozenset({C.VIEW, C.REPORT, C.CONTRIBUTE_RESOURCES}),
    Role.REVIEWER: frozenset({C.VIEW, C.REVIEW}),
    Role.CITIZEN: frozenset({C.SELF_SERVICE}),
    Role.CENTRE_OFFICER: frozenset({C.VIEW, C.MANAGE_CLASSES, C.CONTRIBUTE_RESOURCES}),
}

#: A path prefix that every place path starts with: the scope of a national role.
EVERYWHERE = "/"


def _assignments(user: User) -> list[RoleAssignment]:
    """The user's role assignments with their places, read once per request (roles and scopes
    both come from them)."""
    found: list[RoleAssignment] | None = getattr(user, "_xhht_assignments", None)
    if found is None:
        found = list(user.role_assignments.select_related("place", "body__place"))
        setattr(user, "_xhht_assignments", found)  # noqa: B010 - a per-request cache on the user
    return found


def scope_paths(user: User | AnonymousUser, capability: str) -> list[str]:
    """Path prefixes of the subtrees where ``user`` holds ``capability`` (cached per user)."""
    if not user.is_authenticated:
        return []
    cache: dict[str, list[str]] | None = getattr(user, "_xhht_scope_cache", None)
    if cache is None:
        cache = {}
        for assignment in _assignments(user):
            place = assignment.scope_place()
            prefix = EVERYWHERE if place is None else place.path
            for cap in ROLE_CAPABILITIES.get(assignment.role, frozenset()):
                cache.setdefault(cap, []).append(prefix)
        if user.is_superuser:
            for cap in Capability:
                cache[cap] = [EVERYWHERE]
        setattr(user, "_xhht_scope_cache", cache)  # noqa: B010 - a per-request cache on the user
    prefixes = sorted(set(cache.get(capability, [])))
    # Drop prefixes already covered by a shorter one.
    return [p for p in prefixes if not any(p != q and p.startswith(q) for q in prefixes)]


def under_paths(prefixes: Sequence[str], path_field: str) -> Q:
    """A Q object keeping rows whose ``path_field`` lies under one of ``prefixes`` (none: no
    row); the one place a scope becomes a query."""
    if not prefixes:
        return Q(pk__in=[])
    if EVERYWHERE in prefixes:
        return Q()
    query = Q()
    for prefix in prefixes:
        query |= Q(**{f"{path_field}__startswith": prefix})
    return query


def path_under(path: str, prefixes: Sequence[str]) -> bool:
    """Whether a place ``path`` lies under one of ``prefixes``: ``under_paths`` for one place."""
    return path.startswith(tuple(prefixes))


def scope_filter(user: User | AnonymousUser, capability: str, path_field: str) -> Q:
    """A Q object keeping rows whose place path lies inside the user's scope."""
    return under_paths(scope_paths(user, capability), path_field)


def can(user: User | AnonymousUser, capability: str, place: Place | None = None) -> bool:
    """Whether ``user`` holds ``capability`` at ``place`` (anywhere, when place is None)."""
    prefixes = scope_paths(user, capability)
    if place is None:
        return bool(prefixes)
    return path_under(place.path, prefixes)


def require(user: User | AnonymousUser, capability: str, place: Place | None = None) -> None:
    if not can(user, capability, place):
        raise PermissionDenied


def acting_scope(user: User | AnonymousUser, capability: str) -> tuple[list[str], set[int]]:
    """``capability`` split by where it comes from: place prefixes of roles held at places, and
    the ids of the bodies the user acts for (roles held at bodies).

    Records that belong to a body (tasks, reports) use it so that a body's officer acts for the
    body, not for everything at the body's place.
    """
    if not user.is_authenticated:
        return [], set()
    if user.is_superuser:
        return [EVERYWHERE], set()
    prefixes: list[str] = []
    bodies: set[int] = set()
    for assignment in user.role_assignments.select_related("place"):
        if capability not in ROLE_CAPABILITIES.get(assignment.role, frozenset()):
            continue
        if assignment.body_id is not None:
            bodies.add(assignment.body_id)
        else:
            prefixes.append(assignment.place.path if assignment.place else EVERYWHERE)
    return prefixes, bodies


def roles_of(user: User | AnonymousUser) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached: set[str] | None = getattr(user, "_xhht_roles_cache", None)
    if cached is None:
        cached = {assignment.role for assignment in _assignments(user)}
        if user.is_superuser:
            cached.add(Role.ADMIN)
        setattr(user, "_xhht_roles_cache", cached)  # noqa: B010 - a per-request cache on the user
    return cached


def home_place(user: User | AnonymousUser) -> Place | None:
    """The highest place the user may view: where their pages start."""
    prefixes = scope_paths(user, Capability.VIEW)
    if not prefixes or EVERYWHERE in prefixes:
        return None
    return Place.objects.at_paths(prefixes).order_by("depth", "sort_key").first()


def visible_places(user: User | AnonymousUser, capability: str = Capability.VIEW) -> PlaceQuerySet:
    """Places inside the subtrees where ``user`` holds ``capability``."""
    return Place.objects.filter(scope_filter(user, capability, "path"))


def get_place_for_user(user: User, pk: int, capability: str = Capability.VIEW) -> Place:
    """The one way views fetch a place: only if the user may see it, the same 404 otherwise."""
    return get_object_or_404(visible_places(user, capability), pk=pk)
