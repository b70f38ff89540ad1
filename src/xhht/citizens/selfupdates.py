"""The years in which a citizen updated their own record on the platform: one ``SelfUpdate``
per person and year (the first time kept), counted by the indicator ``citizen_self_updated``
(``citizens.counters``)."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from xhht.citizens.models import SelfUpdate
from xhht.registry.models import Person


def note_self_update(
    *, person: Person, how: str, at: datetime.datetime | None = None
) -> SelfUpdate | None:
    """Record that ``person`` updated their record themselves (idempotent within a year); the
    new row, or None when the year had one already. Call inside the change's transaction."""
    at = at or timezone.now()
    year = timezone.localtime(at).year
    if SelfUpdate.objects.filter(person=person, year=year).exists():
        return None
    try:
        with transaction.atomic():
            return SelfUpdate.objects.create(
                person=person, year=year, place_id=person.place_id, how=how, at=at
            )
    except IntegrityError:  # the same person counted by another request meanwhile
        return None
