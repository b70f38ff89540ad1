"""The one way views fetch the association's records: only if the user may see (or act on) them,
else the same 404 as for a missing one.

Who may do what (``accounts.access.ROLE_CAPABILITIES``): the Hội Khuyến học officer
(``Role.ASSOCIATION_OFFICER``) holds ``MANAGE_ASSOCIATION`` over the subtree of the place of the
role (a commune's officer: the commune's association and its chapters; the province's officer,
held at the province or at the province association's ``Body``: every branch of the province);
the administrator holds every capability. Everybody with ``VIEW`` over a place (the province
coordinator, the commune officer) reads the branches and members there but changes nothing.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from xhht.accounts.access import Capability, visible_places
from xhht.accounts.models import User
from xhht.association.models import Branch, Member, MembershipFigure
from xhht.places.models import Level, PlaceQuerySet

#: Reading the association's pages; acting needs ``MANAGE``.
READ = Capability.VIEW
MANAGE = Capability.MANAGE_ASSOCIATION


def get_branch_for_user(user: User, pk: int, capability: str = READ) -> Branch:
    branches = Branch.objects.visible_to(user, capability).select_related(
        "place", "parent", "unit", "body"
    )
    return get_object_or_404(branches, pk=pk)


def get_member_for_user(user: User, pk: int, capability: str = READ) -> Member:
    members = Member.objects.visible_to(user, capability).select_related("branch__place", "person")
    return get_object_or_404(members, pk=pk)


def get_figure_for_user(user: User, pk: int, capability: str = READ) -> MembershipFigure:
    figures = MembershipFigure.objects.visible_to(user, capability).select_related("branch__place")
    return get_object_or_404(figures, pk=pk)


def branch_places_for(user: User, capability: str = MANAGE) -> PlaceQuerySet:
    """Current places a branch may sit at where ``user`` holds ``capability``, tree order."""
    places = visible_places(user, capability).current()
    return places.filter(level__in=[Level.PROVINCE, Level.DISTRICT, Level.COMMUNE, Level.HAMLET])
