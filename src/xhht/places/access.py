"""The one way views fetch a place: only if the user may see it, the same 404 otherwise."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from xhht.accounts.access import Capability
from xhht.accounts.models import User
from xhht.places.models import Place


def get_place_for_user(user: User, pk: int, capability: str = Capability.VIEW) -> Place:
    return get_object_or_404(Place.objects.visible_to(user, capability), pk=pk)
