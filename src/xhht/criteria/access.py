"""The one way views fetch a criteria set: only if the user may act on it, the same 404 otherwise."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from xhht.accounts.access import Capability
from xhht.accounts.models import User
from xhht.criteria.models import CriteriaSet


def get_set_for_user(user: User, pk: int, capability: str = Capability.VIEW) -> CriteriaSet:
    return get_object_or_404(CriteriaSet.objects.visible_to(user, capability), pk=pk)
