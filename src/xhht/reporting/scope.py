"""Who sees which task or report: bodies act for themselves, places for their subtree.

A role held at a body gives a body's officer its capabilities for records of that body (a task
it leads or supports, a report it files), never for everything at the body's place. Roles held
at places (commune officers, coordinators) cover the records of their subtree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from xhht.accounts.access import EVERYWHERE, acting_scope

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
    query = Q(pk__in=[])
    for prefix in prefixes:
        query |= Q(**{f"{path_field}__startswith": prefix})
    if bodies:
        for lookup in body_filters:
            query |= Q(**{f"{lookup}__in": bodies})
    return query


def place_only(user: User | AnonymousUser, capability: str, path_field: str) -> Q:
    """Rows under the places where the user holds ``capability`` through a place role."""
    prefixes, _bodies = acting_scope(user, capability)
    if EVERYWHERE in prefixes:
        return Q()
    query = Q(pk__in=[])
    for prefix in prefixes:
        query |= Q(**{f"{path_field}__startswith": prefix})
    return query
