"""The open-resources indicators, kept current in the saving transaction (issue 16, item 5).

Two indicators of the catalogue are counted from this app's records (live counts, ``LIVE_YEAR``):

- ``open_resources`` (a count): published resources, at the contributor's place, so every
  ancestor (the province) and the nation add them up;
- ``open_resources_universities``: active universities and colleges (``Centre.Kind.UNIVERSITY``,
  "Trường đại học, cao đẳng") with at least one published resource / active universities and
  colleges, at the institution's place. Bodies have no kind for universities
  (``accounts.Body.Kind``): only institutions count.

As ``centres.counters``: each change names the groups it touches (a resource, an institution);
their contributions are read from the database before and after the change and the difference
goes to ``indicators.rollups.apply_delta``. Saves and deletions of resources and institutions are
followed by signals; the workflow's steps move the state with one ``UPDATE`` (no signal) inside
``following([pk])``, which does the same around it. ``rebuild_counts`` recounts everything
set-based for ``xhht rebuild_rollups`` (registered when the app is ready).

``published_by_kind`` splits a province's published resources by contributing kind (the kind of
institution, or "cơ quan" for a body): read on demand, one query, not kept.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.db.models import Count, Exists, Model, OuterRef, Q
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from xhht.centres.models import Centre
from xhht.indicators.models import LIVE_YEAR
from xhht.indicators.rebuild import CountRow
from xhht.indicators.rollups import apply_delta
from xhht.places.models import Place
from xhht.resources.models import Resource

OPEN_RESOURCES = "open_resources"
UNIVERSITIES = "open_resources_universities"
CODES = (OPEN_RESOURCES, UNIVERSITIES)
RESOURCE, CENTRE = "resource", "centre"
#: The contributing kind of a body's resources in ``published_by_kind``.
BODY_KIND = "body"

Contribution = tuple[str, int, int, int]  # (indicator, place id, numerator, denominator)
Group = tuple[str, int]


def _universities() -> Any:
    return Centre.objects.filter(kind=Centre.Kind.UNIVERSITY, status=Centre.Status.ACTIVE)


def _published() -> Any:
    return Resource.objects.filter(state=Resource.State.PUBLISHED)


def contributions(groups: Iterable[Group]) -> dict[Group, list[Contribution]]:
    """What each group contributes now: two queries whatever the number of groups."""
    wanted = set(groups)
    result: dict[Group, list[Contribution]] = {group: [] for group in wanted}
    ids: dict[str, list[int]] = defaultdict(list)
    for kind, pk in wanted:
        ids[kind].append(pk)
    if ids[RESOURCE]:
        for pk, place_id in _published().filter(pk__in=ids[RESOURCE]).values_list("pk", "place_id"):
            result[(RESOURCE, pk)] = [(OPEN_RESOURCES, place_id, 1, 0)]
    if ids[CENTRE]:
        offering = Exists(_published().filter(centre_id=OuterRef("pk")))
        rows = _universities().filter(pk__in=ids[CENTRE]).annotate(offering=offering)
        for pk, place_id, has in rows.values_list("pk", "place_id", "offering"):
            result[(CENTRE, pk)] = [(UNIVERSITIES, place_id, int(has), 1)]
    return result


def _groups(resource_ids: Iterable[int]) -> set[Group]:
    ids = list(resource_ids)
    centres = Resource.objects.filter(pk__in=ids, centre__isnull=False)
    groups = {(RESOURCE, pk) for pk in ids}
    return groups | {(CENTRE, pk) for pk in centres.values_list("centre_id", flat=True)}


def _apply(before: dict[Group, list[Contribution]], after: dict[Group, list[Contribution]]) -> None:
    totals: Counter[tuple[str, int, int]] = Counter()
    for sign, side in ((-1, before), (1, after)):
        for items in side.values():
            for code, place_id, numerator, denominator in items:
                totals[(code, place_id, 0)] += sign * numerator
                totals[(code, place_id, 1)] += sign * denominator
    changes: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    for (code, place_id, part), value in totals.items():
        if value:
            changes[(code, place_id)][part] += value
    if not changes:
        return
    paths = dict(
        Place.objects.filter(pk__in={pk for _code, pk in changes}).values_list("pk", "path")
    )
    for (code, place_id), (numerator, denominator) in changes.items():
        apply_delta(
            indicator=code,
            ids=Place.ids_in_path(paths[place_id]),
            year=LIVE_YEAR,
            numerator=numerator,
            denominator=denominator,
        )


@contextmanager
def following(resource_ids: Iterable[int]) -> Iterator[None]:
    """Keep the counts of the resources ``resource_ids`` (and their institutions) across what the
    block changes without signals (a workflow step's ``UPDATE``), in the same transaction."""
    ids = list(resource_ids)
    with transaction.atomic():
        groups = _groups(ids)
        before = contributions(groups)
        yield
        groups |= _groups(ids)
        _apply(before, contributions(groups))


# Signals: saves and deletions of resources and institutions ---------------------------------------

BEFORE = "_xhht_resources_counted"


def _own_groups(sender: type[Model], instance: Any) -> set[Group]:
    """The groups a save or deletion of ``instance`` touches: the stored ones and, before a save,
    those of its new values (a new resource's institution is counted before and after alike)."""
    if sender is Centre:
        return {(CENTRE, instance.pk)} if instance.pk is not None else set()
    groups = _groups([instance.pk]) if instance.pk is not None else set()
    if instance.centre_id is not None:
        groups.add((CENTRE, instance.centre_id))
    return groups


def before_save(sender: type[Model], instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        setattr(instance, BEFORE, None)
        return
    groups = _own_groups(sender, instance)
    setattr(instance, BEFORE, (groups, contributions(groups)))


def saved(sender: type[Model], instance: Any, raw: bool = False, **kwargs: Any) -> None:
    pending = getattr(instance, BEFORE, None)
    setattr(instance, BEFORE, None)
    if raw or pending is None:
        return
    groups, before = pending
    groups = groups | _own_groups(sender, instance)
    _apply(before, contributions(groups))


def before_delete(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    groups = _own_groups(sender, instance)
    setattr(instance, BEFORE, (groups, contributions(groups)))


def deleted(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    pending = getattr(instance, BEFORE, None)
    if pending is None:
        return
    groups, before = pending
    _apply(before, contributions(groups))


def connect() -> None:
    """Follow resources and institutions (called from ``ResourcesConfig.ready``)."""
    for model in (Resource, Centre):
        uid = f"xhht-resources-counters-{model.__name__}"
        pre_save.connect(before_save, sender=model, dispatch_uid=uid)
        post_save.connect(saved, sender=model, dispatch_uid=uid)
        pre_delete.connect(before_delete, sender=model, dispatch_uid=uid)
        post_delete.connect(deleted, sender=model, dispatch_uid=uid)


# The rebuild and the breakdown ------------------------------------------------------------------


def rebuild_counts(province: Place | None) -> Iterator[CountRow]:
    """Every count of this app under ``province`` (everything when None), set-based, for
    ``xhht rebuild_rollups`` (registered with ``indicators.rebuild.register_counter``)."""

    def scope(field: str) -> Q:
        return Q(**{f"{field}__startswith": province.path}) if province is not None else Q()

    published = _published().filter(scope("place__path")).order_by().values("place_id")
    for row in published.annotate(n=Count("*")):
        yield OPEN_RESOURCES, LIVE_YEAR, row["place_id"], row["n"], 0
    offering = Exists(_published().filter(centre_id=OuterRef("pk")))
    universities = _universities().filter(scope("place__path")).annotate(offering=offering)
    grouped = universities.order_by().values("place_id", "offering").annotate(n=Count("*"))
    for row in grouped:
        yield UNIVERSITIES, LIVE_YEAR, row["place_id"], row["n"] * row["offering"], row["n"]


def published_by_kind(province: Place | None = None) -> dict[str, int]:
    """Published resources per contributing kind (``Centre.Kind`` values, ``"body"``) under
    ``province`` (everywhere when None): one query."""
    resources = _published()
    if province is not None:
        resources = resources.filter(place__path__startswith=province.path)
    counts: dict[str, int] = {}
    rows = resources.order_by().values("centre__kind").annotate(n=Count("*"))
    for row in rows:
        counts[row["centre__kind"] or BODY_KIND] = row["n"]
    return counts
