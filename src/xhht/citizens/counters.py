"""The indicator ``citizen_self_updated``: citizens who updated their own record on the
platform in a year (``SelfUpdate``, one per person and year), counted at the place the person
lived in then, kept in the saving transaction and recounted by ``xhht rebuild_rollups``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Q
from django.db.models.signals import post_delete, post_save

from xhht.citizens.models import SelfUpdate
from xhht.indicators.rebuild import CountRow
from xhht.indicators.rollups import adjust
from xhht.places.models import Place

CODE = "citizen_self_updated"


def _saved(sender: type[SelfUpdate], instance: SelfUpdate, created: bool, **kwargs: Any) -> None:
    if created:
        adjust(indicator=CODE, place=instance.place, year=instance.year, numerator=1)


def _deleted(sender: type[SelfUpdate], instance: SelfUpdate, **kwargs: Any) -> None:
    adjust(indicator=CODE, place=instance.place, year=instance.year, numerator=-1)


def connect() -> None:
    post_save.connect(_saved, sender=SelfUpdate, dispatch_uid="xhht.citizens.counters.saved")
    post_delete.connect(_deleted, sender=SelfUpdate, dispatch_uid="xhht.citizens.counters.deleted")


def self_update_counts(province: Place | None) -> Iterator[CountRow]:
    """Self-updates per year and place, for ``xhht rebuild_rollups`` (registered when the app
    is ready)."""
    scope = Q(place__path__startswith=province.path) if province is not None else Q()
    rows = SelfUpdate.objects.filter(scope).values("year", "place_id").annotate(n=Count("id"))
    for row in rows.order_by():
        yield CODE, row["year"], row["place_id"], row["n"], 0
