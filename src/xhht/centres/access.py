"""The one way views fetch the records of learning centres: only if the user may act on them,
else the same 404 as for a missing one.

Who may do what (``accounts.access.ROLE_CAPABILITIES``): commune officers and the province hold
``MANAGE_CENTRES`` (the institution registry) and ``MANAGE_CLASSES`` (classes, participants,
attendance, confirming learning records) over their subtree; the centre officer (``Role.
CENTRE_OFFICER``, held at the centre's commune) holds ``VIEW`` and ``MANAGE_CLASSES`` there.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from xhht.accounts.access import Capability, visible_places
from xhht.accounts.models import User
from xhht.centres.models import (
    Campaign,
    CampaignActivity,
    Centre,
    LearningClass,
    LearningEntry,
    Participation,
    Session,
)
from xhht.places.models import PlaceQuerySet


def get_centre_for_user(user: User, pk: int, capability: str = Capability.VIEW) -> Centre:
    centres = Centre.objects.visible_to(user, capability).select_related("place", "managing_body")
    return get_object_or_404(centres, pk=pk)


def get_class_for_user(user: User, pk: int, capability: str = Capability.VIEW) -> LearningClass:
    classes = LearningClass.objects.visible_to(user, capability).select_related(
        "place", "centre", "topic", "organiser"
    )
    return get_object_or_404(classes, pk=pk)


def get_session_for_user(user: User, pk: int, capability: str = Capability.VIEW) -> Session:
    sessions = Session.objects.visible_to(user, capability).select_related("learning_class__place")
    return get_object_or_404(sessions, pk=pk)


def get_participation_for_user(
    user: User, pk: int, capability: str = Capability.VIEW
) -> Participation:
    participations = Participation.objects.visible_to(user, capability).select_related(
        "learning_class__place", "person"
    )
    return get_object_or_404(participations, pk=pk)


def get_learning_entry_for_user(
    user: User, pk: int, capability: str = Capability.VIEW
) -> LearningEntry:
    entries = LearningEntry.objects.visible_to(user, capability).select_related("person__place")
    return get_object_or_404(entries, pk=pk)


def get_campaign_for_user(user: User, pk: int, capability: str = Capability.VIEW) -> Campaign:
    campaigns = Campaign.objects.visible_to(user, capability).select_related("place")
    return get_object_or_404(campaigns, pk=pk)


def get_campaign_activity_for_user(
    user: User, pk: int, capability: str = Capability.VIEW
) -> CampaignActivity:
    activities = CampaignActivity.objects.visible_to(user, capability).select_related(
        "campaign", "place", "body__place"
    )
    return get_object_or_404(activities, pk=pk)


def centre_places_for(user: User, capability: str = Capability.MANAGE_CENTRES) -> PlaceQuerySet:
    """Current places an institution may sit at where ``user`` holds ``capability``, tree order."""
    places = visible_places(user, capability).current().filter(level__in=Centre.PLACE_LEVELS)
    return places.order_by("path")
