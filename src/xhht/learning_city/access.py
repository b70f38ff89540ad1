"""Who reads and who edits a learning-city profile: anyone who sees the province reads it
(``VIEW``); the province coordinator edits it (``MANAGE_PLANS`` at the province itself, so a
commune officer, whose plans are the commune's, never does)."""

from __future__ import annotations

from django.http import Http404

from xhht.accounts.access import Capability, get_place_for_user
from xhht.accounts.models import User
from xhht.places.models import Level, Place

READ = Capability.VIEW
EDIT = Capability.MANAGE_PLANS

#: The places a profile is made for: a province (a centrally-run city is a province-level place).
PROFILE_LEVELS = (Level.PROVINCE,)


def get_city_for_user(user: User, pk: int, capability: str = READ) -> Place:
    """The province if the user may act on it with ``capability``; 404 otherwise (also for a
    commune: profiles are made for cities)."""
    place = get_place_for_user(user, pk, capability)
    if place.level not in PROFILE_LEVELS:
        raise Http404
    return place
