"""The one way views fetch movements, nominations and their evidence: only if the user may act
on them, else the same 404 as for a missing one; and who may take each step.

Who may do what (``accounts.access.ROLE_CAPABILITIES``): ``NOMINATE`` (hamlet head, commune and
association officers) proposes within their scope; the commune's council (``REVIEW`` held over
the nomination's commune: the commune officer, the council's reviewers, not a hamlet head)
agrees or returns; ``DECIDE_COMMENDATION`` decides: over the commune for a Giấy khen of the
commune chairman, over the province for a Bằng khen of the province chairman.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from xhht.accounts.access import Capability, can, visible_places
from xhht.accounts.models import User
from xhht.commendation.models import Award, Movement, Nomination, NominationEvidence
from xhht.places.models import Level, Place, PlaceQuerySet

READ = Capability.VIEW


def get_movement_for_user(user: User, pk: int, capability: str = READ) -> Movement:
    movements = Movement.objects.visible_to(user, capability).select_related("place")
    return get_object_or_404(movements, pk=pk)


def get_nomination_for_user(user: User, pk: int, capability: str = READ) -> Nomination:
    nominations = Nomination.objects.visible_to(user, capability).select_related(
        "movement__place",
        "place",
        "commune",
        "person__place",
        "household",
        "clan",
        "unit",
        "body",
        "subject_place",
    )
    return get_object_or_404(nominations, pk=pk)


def get_evidence_for_user(user: User, pk: int, capability: str = READ) -> NominationEvidence:
    visible = Nomination.objects.visible_to(user, capability)
    rows = NominationEvidence.objects.filter(nomination__in=visible).select_related(
        "nomination__place"
    )
    return get_object_or_404(rows, pk=pk)


def may_nominate(user: User, nomination: Nomination) -> bool:
    return can(user, Capability.NOMINATE, nomination.place)


def may_review(user: User, nomination: Nomination) -> bool:
    """The commune's council: ``REVIEW`` over the whole commune (a hamlet head's is the hamlet)."""
    return can(user, Capability.REVIEW, nomination.commune)


def award_place(nomination: Nomination, award: str) -> Place:
    """Where the decider of ``award`` sits: the commune for a Giấy khen, the province for a
    Bằng khen."""
    if award == Award.PROVINCE_CERTIFICATE:
        return Place.objects.get(pk=nomination.commune.root_id)
    return nomination.commune


def may_decide(user: User, nomination: Nomination, award: str | None = None) -> bool:
    """With ``award``: may give that one; without: may give one of them."""
    awards = [award] if award else list(Award)
    return any(
        can(user, Capability.DECIDE_COMMENDATION, award_place(nomination, a)) for a in awards
    )


def movement_places_for(user: User) -> PlaceQuerySet:
    """Places where ``user`` may open a movement: communes and provinces, tree order."""
    places = visible_places(user, Capability.DECIDE_COMMENDATION).current()
    return places.filter(level__in=[Level.COMMUNE, Level.PROVINCE]).order_by("path")
