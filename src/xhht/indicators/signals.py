"""Registry changes keep the live counts (``LIVE_YEAR``) current, in the saving transaction.

Each tracked model says what it contributes: a list of (indicator, place id, numerator,
denominator). The state as loaded (``post_init``) or last saved is remembered on the instance;
a save applies the difference (so a household that moves gives −1 to its old place and +1 to its
new one), a delete takes its contribution away. ``QuerySet.update`` and ``bulk_create`` bypass
signals: bulk importers call ``xhht rebuild_rollups --province CODE`` afterwards.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from django.db.models import Model
from django.db.models.signals import post_delete, post_init, post_save, pre_save
from django.utils import timezone

from xhht.indicators.models import LIVE_YEAR
from xhht.indicators.rollups import apply_delta, move_subtree
from xhht.places.models import Level, Place
from xhht.registry.models import Clan, Household, Person, Unit

Contribution = tuple[str, int, int, int]  # (indicator, place id, numerator, denominator)
STATE = "_xhht_rollup_state"
ADULT_AGE = 18  # Bộ luật Dân sự 2015, Điều 20: người thành niên là người từ đủ 18 tuổi


def adult_birth_year_limit(year: int | None = None) -> int:
    """People born in or before this year count as adults (by birth year)."""
    return (year or timezone.localdate().year) - ADULT_AGE


def school_contributions(unit: Unit | Any, place_id: int) -> list[Contribution]:
    if unit.kind != Unit.Kind.SCHOOL:
        return []
    code = "uni_digital" if unit.school_level == Unit.SchoolLevel.UNIVERSITY else "school_digital"
    return [(code, place_id, int(bool(unit.digital_learning)), 1)]


def _household(h: Household) -> list[Contribution]:
    return [("family", h.place_id, 0, 1)] if h.place_id else []


def _clan(c: Clan) -> list[Contribution]:
    return [("clan", c.commune_id, 0, 1)] if c.commune_id else []


def _unit(u: Unit) -> list[Contribution]:
    if not u.place_id:
        return []
    return [("unit", u.place_id, 0, 1), *school_contributions(u, u.place_id)]


def _person(p: Person) -> list[Contribution]:
    if not p.place_id or p.birth_year is None or p.birth_year > adult_birth_year_limit():
        return []
    return [("citizen_adults", p.place_id, 0, 1)]


def _place(p: Place) -> list[Contribution]:
    if p.pk is None or p.valid_to is not None:
        return []
    if p.level == Level.HAMLET:
        return [("community", p.pk, 0, 1)]
    if p.level == Level.COMMUNE:
        return [("commune_ranked", p.pk, 0, 1)]
    return []


TRACKED: dict[type[Model], Callable[[Any], list[Contribution]]] = {
    Household: _household,
    Clan: _clan,
    Unit: _unit,
    Person: _person,
    Place: _place,
}


def _apply(before: list[Contribution], after: list[Contribution], paths: dict[int, str]) -> None:
    totals: Counter[tuple[str, int, str]] = Counter()
    for sign, items in ((-1, before), (1, after)):
        for code, place_id, numerator, denominator in items:
            totals[(code, place_id, "n")] += sign * numerator
            totals[(code, place_id, "d")] += sign * denominator
    pairs: dict[tuple[str, int], list[int]] = {}
    for (code, place_id, part), value in totals.items():
        pairs.setdefault((code, place_id), [0, 0])[0 if part == "n" else 1] += value
    changes = {key: nd for key, nd in pairs.items() if nd[0] or nd[1]}
    if not changes:
        return
    missing = {pk for _code, pk in changes if pk not in paths}
    if missing:
        paths.update(Place.objects.filter(pk__in=missing).values_list("pk", "path"))
    for (code, place_id), (numerator, denominator) in changes.items():
        ids = Place.ids_in_path(paths[place_id])
        apply_delta(
            indicator=code, ids=ids, year=LIVE_YEAR, numerator=numerator, denominator=denominator
        )


def _current_path(place: Place) -> str:
    """Inside ``Place.save`` the path column is updated after ``post_save``: derive it."""
    parent_path = place.parent.path if place.parent_id and place.parent else "/"
    return f"{parent_path}{place.pk}/"


def remember(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if instance.pk is not None and not instance.get_deferred_fields():
        setattr(instance, STATE, TRACKED[sender](instance))


def before_save(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
    """A record loaded with deferred fields: read its stored state before it is overwritten."""
    if isinstance(instance, Place):
        setattr(instance, "_xhht_old_path", instance.path)  # noqa: B010 - read by ``saved``
    if raw or hasattr(instance, STATE) or instance._state.adding or instance.pk is None:
        return
    stored = sender._default_manager.filter(pk=instance.pk).first()
    setattr(instance, STATE, TRACKED[sender](stored) if stored is not None else [])


def saved(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    before: list[Contribution] = getattr(instance, STATE, [])
    after = TRACKED[sender](instance)
    paths = {instance.pk: _current_path(instance)} if isinstance(instance, Place) else {}
    if isinstance(instance, Place):
        old_path = getattr(instance, "_xhht_old_path", "")
        if old_path and old_path != paths[instance.pk]:
            move_subtree(place_id=instance.pk, old_path=old_path, new_path=paths[instance.pk])
    _apply(before, after, paths)
    setattr(instance, STATE, after)


def deleted(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    # A deleted place's own rows are gone (CASCADE): only its ancestors are adjusted.
    paths = {instance.pk: instance.parent_path} if isinstance(instance, Place) else {}
    _apply(getattr(instance, STATE, TRACKED[sender](instance)), [], paths)


def connect() -> None:
    for model in TRACKED:
        uid = f"xhht-rollups-{model.__name__}"
        post_init.connect(remember, sender=model, dispatch_uid=uid)
        pre_save.connect(before_save, sender=model, dispatch_uid=uid)
        post_save.connect(saved, sender=model, dispatch_uid=uid)
        post_delete.connect(deleted, sender=model, dispatch_uid=uid)
