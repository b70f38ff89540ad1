"""Who sees which task or report: bodies act for themselves, places for their subtree.

A role held at a body gives a body's officer its capabilities for records of that body (a task
it leads or supports, a report it files), never for everything at the body's place. Roles held
at places (commune officers, coordinators) cover the records of their subtree for reading; a
body's records (its reports, the tasks it leads or supports) are acted on only by that body's
own officers (``body_only`` and ``own_or_place``), never through a role at its place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from xhht.accounts.access import EVERYWHERE, acting_scope, under_paths

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from xhht.accounts.models import User


def body_or_place(
    user: User | AnonymousUser, capability: str, *, path_field: str, body_filters: list[str]
) -> Q:
    """Rows under one of the user's places, or whose ``body_filters`` name a body they act for."""
    prefixes, bodies = acting_scope(user, capability)
    if EVERYWHERE in prefixes:
        return Q()
    query = under_paths(prefixes, path_field)
    if bodies:
        for lookup in body_filters:
            query |= Q(**{f"{lookup}__in": bodies})
    return query


def place_only(user: User | AnonymousUser, capability: str, path_field: str) -> Q:
    """Rows under the places where the user holds ``capability`` through a place role."""
    prefixes, _bodies = acting_scope(user, capability)
    return under_paths(prefixes, path_field)


def body_only(user: User | AnonymousUser, capability: str, *, body_filters: list[str]) -> Q:
    """Rows whose ``body_filters`` name a body the user holds ``capability`` at (a body role)."""
    _prefixes, bodies = acting_scope(user, capability)
    query = Q(pk__in=[])
    for lookup in body_filters:
        query |= Q(**{f"{lookup}__in": bodies})
    return query if bodies else Q(pk__in=[])


def own_or_place(
    user: User | AnonymousUser, capability: str, *, path_field: str, body_field: str
) -> Q:
    """Rows of a body (``body_field`` set) for that body's officers; rows of a place (no body)
    for the place roles over it."""
    places = place_only(user, capability, path_field) & Q(**{f"{body_field}__isnull": True})
    return places | body_only(user, capability, body_filters=[body_field])
