"""The receivers that keep the PCGD–XMC results current (connected by ``PcgdConfig.ready``).

A person's contribution to the figures of their commune's kept years is read just before a
change (``pre_save``, ``pre_delete``) and just after it (``post_save``, ``post_delete``), for
that person only (one GROUP BY per school year over one or two people); the difference goes to
``kept.apply_deltas``. A pair that starts or stops being kept is recomputed whole. Inside
``kept.batch()`` nothing is read per save: the pairs are recomputed at the batch's end. A
person's deletion recomputes their commune's pairs (its cascade — schooling rows, literacy,
departure — is left to it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from typing import Any

from django.db.models import Model
from django.db.models.signals import (
    post_delete,
    post_init,
    post_save,
    pre_delete,
    pre_save,
)

from xhht.indicators.models import EnteredValue
from xhht.pcgd import kept
from xhht.pcgd.engine_counts import Figure, cohort_figures, communes_of_place_ids, grouped_counts
from xhht.pcgd.kept import Pair
from xhht.pcgd.models import (
    Cohort,
    CohortFigure,
    ConditionCheck,
    Departure,
    HardshipCommune,
    LiteracyRecord,
    SchoolingRecord,
)
from xhht.places.models import Place
from xhht.registry.models import Person
from xhht.registry.signals import bulk_written

PeopleFigures = dict[Pair, dict[str, Figure]]
LOADED = "_xhht_pcgd_loaded"
BEFORE = "_xhht_pcgd_before"
PERSON_FIELDS = ("place_id", "birth_year", "education")


def people_figures(person_ids: Collection[int], years: Iterable[int]) -> PeopleFigures:
    """What these people give the cohorts of their communes in each school year."""
    result: PeopleFigures = {}
    for year in sorted(set(years)):
        groups = grouped_counts([], year, people=person_ids)
        if not groups:
            continue
        commune_of = _communes_of({place_id for place_id, _birth in groups})
        per_commune: dict[int, dict[tuple[int, int], dict[str, int]]] = defaultdict(dict)
        for key, counts in groups.items():
            commune_id = commune_of.get(key[0])
            if commune_id is not None:
                per_commune[commune_id][key] = counts
        for commune_id, rows in per_commune.items():
            result[(commune_id, year)] = cohort_figures(rows, year)
    return result


def _communes_of(place_ids: Collection[int]) -> dict[int, int]:
    return communes_of_place_ids(place_ids)


def _apply(before: PeopleFigures, after: PeopleFigures) -> None:
    """Deltas to the pairs kept before and after; whole recomputation for the others."""
    pairs = set(before) | set(after)
    if not pairs:
        return
    surveyed = dict(
        ((commune_id, year), n)
        for commune_id, year, n in CohortFigure.objects.filter(
            commune_id__in={c for c, _y in pairs},
            school_year__in={y for _c, y in pairs},
            cohort=Cohort.SURVEYED,
        ).values_list("commune_id", "school_year", "numerator")
    )
    deltas: dict[Pair, dict[str, tuple[int, int]]] = {}
    whole: set[Pair] = set()
    for pair in pairs:
        old, new = before.get(pair, {}), after.get(pair, {})
        changes = {}
        for cohort in set(old) | set(new):
            a, b = old.get(cohort, Figure(0, 0)), new.get(cohort, Figure(0, 0))
            if a != b:
                changes[cohort] = (b.numerator - a.numerator, b.denominator - a.denominator)
        if not changes:
            continue
        kept_before = pair in surveyed
        now = surveyed.get(pair, 0) + changes.get(Cohort.SURVEYED, (0, 0))[0]
        if kept_before and now > 0:
            deltas[pair] = changes
        elif kept_before or now > 0:
            whole.add(pair)
    if deltas:
        kept.apply_deltas(deltas)
    if whole:
        kept.refresh_pairs(whole)


def _years_of(person_ids: Collection[int], place_ids: Iterable[int | None]) -> set[int]:
    """The kept years of the people's communes and the years of their own schooling rows."""
    communes = set(_communes_of({p for p in place_ids if p is not None}).values())
    years = {y for ys in kept.kept_years(communes).values() for y in ys}
    own = SchoolingRecord.objects.filter(person_id__in=list(person_ids))
    return years | set(own.values_list("school_year", flat=True))


def _in_batch() -> bool:
    return kept.in_batch()


# Schooling rows, literacy, departures --------------------------------------------------------


def _targets(instance: Model) -> tuple[set[int], set[int]]:
    """(people, years) a record's change touches, before and after it."""
    if isinstance(instance, SchoolingRecord):
        old = getattr(instance, LOADED, None)
        people, years = {instance.person_id}, {instance.school_year}
        if old is not None:
            people.add(old[0])
            years.add(old[1])
        return people, years
    person_id: int = instance.person_id  # type: ignore[attr-defined]  # LiteracyRecord, Departure
    place_id = Person.objects.filter(pk=person_id).values_list("place_id", flat=True).first()
    return {person_id}, _years_of([person_id], [place_id])


def _record_before(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
    setattr(instance, BEFORE, None)
    if raw or _from_person_deletion(kwargs.get("origin")):
        return
    if _in_batch():
        return
    people, years = _targets(instance)
    setattr(instance, BEFORE, (people, years, people_figures(people, years)))


def _record_after(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
    pending = getattr(instance, BEFORE, None)
    setattr(instance, BEFORE, None)
    if isinstance(instance, SchoolingRecord):
        setattr(instance, LOADED, (instance.person_id, instance.school_year))
    if raw or _from_person_deletion(kwargs.get("origin")):
        return
    if _in_batch():
        kept.refresh_pairs(_pairs_now(instance))
        return
    if pending is None:
        return
    people, years, before = pending
    new_people, new_years = _targets(instance)
    people, years = people | new_people, years | new_years
    _apply(before, people_figures(people, years))


def _pairs_now(instance: Model) -> set[Pair]:
    people, years = _targets(instance)
    places = Person.objects.filter(pk__in=list(people)).values_list("place_id", flat=True)
    communes = set(_communes_of(set(places)).values())
    return {(c, y) for c in communes for y in years}


def _from_person_deletion(origin: object) -> bool:
    return isinstance(origin, Person) or (
        hasattr(origin, "model") and getattr(origin, "model", None) is Person
    )


# People ---------------------------------------------------------------------------------------


def _remember(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    names: tuple[str, ...] = PERSON_FIELDS if sender is Person else ("person_id", "school_year")
    if instance.pk is not None and not (set(names) & instance.get_deferred_fields()):
        setattr(instance, LOADED, tuple(getattr(instance, n, None) for n in names))


def _person_before(sender: type[Model], instance: Person, raw: bool = False, **kwargs: Any) -> None:
    setattr(instance, BEFORE, None)
    old = getattr(instance, LOADED, None)
    new = tuple(getattr(instance, n) for n in PERSON_FIELDS)
    if raw or old == new or _in_batch():
        return
    if instance.pk is None:
        setattr(instance, BEFORE, ({}, set()))
        return
    stored = Person.objects.filter(pk=instance.pk).values_list("place_id", flat=True).first()
    years = _years_of([instance.pk], [stored, instance.place_id])
    setattr(instance, BEFORE, (people_figures([instance.pk], years), years))


def _person_after(sender: type[Model], instance: Person, raw: bool = False, **kwargs: Any) -> None:
    pending = getattr(instance, BEFORE, None)
    setattr(instance, BEFORE, None)
    old = getattr(instance, LOADED, None)
    new = tuple(getattr(instance, n) for n in PERSON_FIELDS)
    setattr(instance, LOADED, new)
    if raw or old == new:
        return
    if _in_batch():
        places = [new[0]] + ([old[0]] if old is not None else [])
        kept.refresh_pairs(kept.person_pairs(places, instance.pk))
        return
    if pending is None:
        return
    before, years = pending
    years = years | _years_of([instance.pk], [instance.place_id])
    _apply(before, people_figures([instance.pk], years))


def _person_deleted(sender: type[Model], instance: Person, **kwargs: Any) -> None:
    kept.refresh_pairs(kept.person_pairs([instance.place_id], None))


# The commune's status, entered values, bulk writes ---------------------------------------------


def _commune_row_changed(
    sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any
) -> None:
    if not raw:
        kept.refresh_pairs([(instance.commune_id, instance.school_year)])  # type: ignore[attr-defined]  # ĐBKK, conditions


def _entered_changed(
    sender: type[Model], instance: EnteredValue, raw: bool = False, **kwargs: Any
) -> None:
    if raw or instance.indicator.code not in kept.FED_CODES:
        return
    path = Place.objects.filter(pk=instance.place_id).values_list("path", flat=True).first() or ""
    communes = list(
        CohortFigure.objects.filter(
            commune__path__startswith=path, school_year=instance.year, cohort=Cohort.SURVEYED
        ).values_list("commune_id", flat=True)
    )
    if communes:
        kept.refeed(communes, instance.year)


def _bulk_written(sender: object, *, province: Place | None = None, **kwargs: object) -> None:
    kept.refresh_province(province)


def connect() -> None:
    uid = "xhht-pcgd-kept"
    bulk_written.connect(_bulk_written, dispatch_uid=uid)
    for followed in (Person, SchoolingRecord):
        post_init.connect(_remember, sender=followed, dispatch_uid=f"{uid}-{followed.__name__}")
    for record in (SchoolingRecord, LiteracyRecord, Departure):
        name = f"{uid}-{record.__name__}"
        pre_save.connect(_record_before, sender=record, dispatch_uid=name)
        post_save.connect(_record_after, sender=record, dispatch_uid=name)
        pre_delete.connect(_record_before, sender=record, dispatch_uid=name)
        post_delete.connect(_record_after, sender=record, dispatch_uid=name)
    pre_save.connect(_person_before, sender=Person, dispatch_uid=uid)
    post_save.connect(_person_after, sender=Person, dispatch_uid=uid)
    post_delete.connect(_person_deleted, sender=Person, dispatch_uid=uid)
    for of_commune in (HardshipCommune, ConditionCheck):
        name = f"{uid}-{of_commune.__name__}"
        post_save.connect(_commune_row_changed, sender=of_commune, dispatch_uid=name)
        post_delete.connect(_commune_row_changed, sender=of_commune, dispatch_uid=name)
    post_save.connect(_entered_changed, sender=EnteredValue, dispatch_uid=uid)
    post_delete.connect(_entered_changed, sender=EnteredValue, dispatch_uid=uid)
