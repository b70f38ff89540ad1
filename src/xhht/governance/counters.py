"""The communication indicators, kept current in the saving transaction (issue 18, item 6).

- ``communication_activities`` (a count): recorded communication activities, at the place where
  each happened (a body's: the body's place), added up to the province and the nation;
- ``communication_reach`` (a count): the audience each activity reached, summed the same way.

Live counts (``LIVE_YEAR``), as ``resources.counters``: a save or deletion reads the activity's
stored contribution before and after and gives the difference to
``indicators.rollups.apply_delta``. ``rebuild_counts`` recounts everything set-based for
``xhht rebuild_rollups`` (registered when the app is ready). Not followed: ``QuerySet.update``
and ``bulk_create`` (then rebuild).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Q, Sum
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from xhht.governance.models import CommunicationActivity
from xhht.indicators.models import LIVE_YEAR
from xhht.indicators.rebuild import CountRow
from xhht.indicators.rollups import apply_delta
from xhht.places.models import Place

ACTIVITIES = "communication_activities"
REACH = "communication_reach"
CODES = (ACTIVITIES, REACH)
BEFORE = "_xhht_communication_counted"

Contribution = tuple[int, int]  # (place id, audience)


def _stored(pk: int | None) -> Contribution | None:
    if pk is None:
        return None
    row = CommunicationActivity.objects.filter(pk=pk).values_list("place_id", "audience").first()
    return None if row is None else (row[0], row[1])


def _apply(before: Contribution | None, after: Contribution | None) -> None:
    changes: Counter[tuple[str, int]] = Counter()
    for sign, side in ((-1, before), (1, after)):
        if side is not None:
            changes[(ACTIVITIES, side[0])] += sign
            changes[(REACH, side[0])] += sign * side[1]
    paths = dict(
        Place.objects.filter(pk__in={pk for _code, pk in changes}).values_list("pk", "path")
    )
    for (code, place_id), value in changes.items():
        if value:
            apply_delta(
                indicator=code,
                ids=Place.ids_in_path(paths[place_id]),
                year=LIVE_YEAR,
                numerator=value,
            )


def before_save(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    setattr(instance, BEFORE, None if raw else (_stored(instance.pk),))


def saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    pending = getattr(instance, BEFORE, None)
    setattr(instance, BEFORE, None)
    if raw or pending is None:
        return
    _apply(pending[0], _stored(instance.pk))


def before_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
    setattr(instance, BEFORE, (_stored(instance.pk),))


def deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    pending = getattr(instance, BEFORE, None)
    setattr(instance, BEFORE, None)
    if pending is not None:
        _apply(pending[0], None)


def connect() -> None:
    """Follow communication activities (called from ``GovernanceConfig.ready``)."""
    uid = "xhht-governance-counters"
    pre_save.connect(before_save, sender=CommunicationActivity, dispatch_uid=uid)
    post_save.connect(saved, sender=CommunicationActivity, dispatch_uid=uid)
    pre_delete.connect(before_delete, sender=CommunicationActivity, dispatch_uid=uid)
    post_delete.connect(deleted, sender=CommunicationActivity, dispatch_uid=uid)


def rebuild_counts(province: Place | None) -> Iterator[CountRow]:
    """Every count of this app under ``province`` (everything when None), one GROUP BY, for
    ``xhht rebuild_rollups`` (registered with ``indicators.rebuild.register_counter``)."""
    scope = Q(place__path__startswith=province.path) if province is not None else Q()
    rows = (
        CommunicationActivity.objects.filter(scope)
        .values("place_id")
        .annotate(n=Count("*"), reach=Sum("audience"))
        .order_by()
    )
    for row in rows:
        yield ACTIVITIES, LIVE_YEAR, row["place_id"], row["n"], 0
        yield REACH, LIVE_YEAR, row["place_id"], row["reach"] or 0, 0
