"""The kept counts (ARCHITECTURE principle 4): updated with the change, never on read.

``adjust`` adds to the (numerator, denominator) pair of an indicator at a place, at every ancestor
and at the national row (place NULL), in the caller's transaction, with one UPDATE in the common
case (an INSERT of the missing zero rows first when a row does not exist yet). Increments are
``F()`` expressions, so two requests recognising at once both count.

Years: a calendar year's row holds that year's recognitions and entered values. Registry counts
(the denominators: households, clans, hamlets, units, adults; and the numerators of registry
indicators) are kept live in the ``LIVE_YEAR`` (0) row; ``freeze_year`` copies them into a year's
rows at the year's end (``frozen``), and reading a frozen year uses the snapshot, any other year
the live counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import transaction
from django.db.models import BigIntegerField, Case, F, Q, Value, When

from xhht.core.db import read_db
from xhht.criteria.models import Title
from xhht.indicators.models import LIVE_YEAR, Indicator, RollupCount, Source
from xhht.places.models import Place

#: The indicator each learning title's recognitions count towards (the one title ↔ indicator map).
TITLE_INDICATOR: dict[str, str] = {
    Title.FAMILY: "family",
    Title.CLAN: "clan",
    Title.COMMUNITY: "community",
    Title.UNIT: "unit",
    Title.COMMUNE: "commune_ranked",
    Title.CITIZEN: "citizen_adults",
}


class _MissingRows(Exception):
    pass


def adjust(
    *, indicator: str, place: Place, year: int, numerator: int = 0, denominator: int = 0
) -> None:
    """Add to the kept counts of ``place``, all its ancestors and the national row."""
    apply_delta(
        indicator=indicator,
        ids=Place.ids_in_path(place_path(place)),
        year=year,
        numerator=numerator,
        denominator=denominator,
    )


def place_path(place: Place) -> str:
    """The place's path, also inside ``post_save`` of a new place (its path is set afterwards)."""
    if place.path:
        return place.path
    parent_path = place.parent.path if place.parent_id and place.parent else "/"
    return f"{parent_path}{place.pk}/"


def apply_delta(
    *,
    indicator: str,
    ids: list[int],
    year: int,
    numerator: int = 0,
    denominator: int = 0,
    national: bool = True,
) -> None:
    """Add to the rows of the places ``ids`` (and the national row): one UPDATE when all exist."""
    if not (numerator or denominator) or not (ids or national):
        return
    where = Q(place_id__in=ids) | Q(place__isnull=True) if national else Q(place_id__in=ids)
    rows = RollupCount.objects.filter(where, indicator=indicator, year=year)
    change = {
        "numerator": F("numerator") + numerator,
        "denominator": F("denominator") + denominator,
    }
    expected = len(ids) + int(national)
    # No savepoint of its own (the caller's transaction, or a new one, holds it all): the common
    # case is then SAVEPOINT, UPDATE, RELEASE instead of five statements; on a busy database
    # server every round trip counts (docs/SCALING.md, incremental update).
    with transaction.atomic(savepoint=False):
        try:
            with transaction.atomic():
                if rows.update(**change) != expected:
                    raise _MissingRows
        except _MissingRows:
            zeros = [RollupCount(indicator=indicator, place_id=pk, year=year) for pk in ids]
            if national:
                zeros.append(RollupCount(indicator=indicator, place_id=None, year=year))
            RollupCount.objects.bulk_create(zeros, ignore_conflicts=True)
            rows.update(**change)


#: (indicator, place id or None for the national row, year): one kept row.
Key = tuple[str, int | None, int]


def apply_deltas(deltas: Mapping[Key, tuple[int, int]]) -> None:
    """Add many (numerator, denominator) changes at once, e.g. a whole decision's, summed per row.

    The rows are locked in primary-key order (``SELECT … ORDER BY id FOR UPDATE``) and changed by
    one UPDATE: concurrent batches sharing rows (their province's, the nation's) queue on the
    first shared row instead of deadlocking, and the whole batch costs two statements however
    many subjects it counts. Missing rows are first inserted as zeros (``ON CONFLICT DO
    NOTHING``, in key order) and then locked like the others.
    """
    changes = {key: pair for key, pair in deltas.items() if pair[0] or pair[1]}
    if not changes:
        return
    with transaction.atomic(savepoint=False):
        found = _lock_rows(list(changes))
        missing = sorted((key for key in changes if key not in found), key=_key_order)
        if missing:
            zeros = [RollupCount(indicator=i, place_id=p, year=y) for i, p, y in missing]
            RollupCount.objects.bulk_create(zeros, ignore_conflicts=True)
            found.update(_lock_rows(missing))
        by_pk = {found[key]: pair for key, pair in changes.items()}
        RollupCount.objects.filter(pk__in=list(by_pk)).update(
            numerator=F("numerator") + _per_row({pk: n for pk, (n, _d) in by_pk.items()}),
            denominator=F("denominator") + _per_row({pk: d for pk, (_n, d) in by_pk.items()}),
        )


def _key_order(key: Key) -> tuple[str, int, int]:
    indicator, place_id, year = key
    return indicator, year, -1 if place_id is None else place_id


def _lock_rows(keys: list[Key]) -> dict[Key, int]:
    """The primary keys of the existing rows among ``keys``, locked in primary-key order."""
    groups: dict[tuple[str, int], list[int | None]] = {}
    for indicator, place_id, year in keys:
        groups.setdefault((indicator, year), []).append(place_id)
    where = Q(pk__in=[])
    for (indicator, year), place_ids in groups.items():
        places = Q(place_id__in=[pk for pk in place_ids if pk is not None])
        if None in place_ids:
            places |= Q(place__isnull=True)
        where |= Q(indicator=indicator, year=year) & places
    rows = (
        RollupCount.objects.select_for_update()
        .filter(where)
        .order_by("pk")
        .values_list("pk", "indicator", "place_id", "year")
    )
    return {(indicator, place_id, year): pk for pk, indicator, place_id, year in rows}


def _per_row(amounts: dict[int, int]) -> Case | Value:
    """``amounts[pk]`` for each row in one UPDATE (0 for the rows not named)."""
    whens = [When(pk=pk, then=Value(amount)) for pk, amount in amounts.items() if amount]
    if not whens:
        return Value(0)
    return Case(*whens, default=Value(0), output_field=BigIntegerField())


def move_subtree(*, place_id: int, old_path: str, new_path: str) -> None:
    """A place moved: its kept rows leave the old ancestors and join the new ones."""
    old_ids, new_ids = Place.ids_in_path(old_path)[:-1], Place.ids_in_path(new_path)[:-1]
    if old_ids == new_ids:
        return
    for row in RollupCount.objects.filter(place_id=place_id):
        common = dict(indicator=row.indicator, year=row.year, national=False)
        apply_delta(ids=old_ids, numerator=-row.numerator, denominator=-row.denominator, **common)  # type: ignore[arg-type]  # **common: a dict of the row's own fields
        apply_delta(ids=new_ids, numerator=row.numerator, denominator=row.denominator, **common)  # type: ignore[arg-type]  # **common: a dict of the row's own fields


@dataclass(frozen=True)
class Figure:
    """An actual value: numerator over denominator (a rate), or a percent entered as such."""

    numerator: int | None
    denominator: int | None
    percent_entered: float | None = None

    @property
    def rate(self) -> float | None:
        if self.percent_entered is not None:
            return self.percent_entered
        if self.numerator is None or not self.denominator:
            return None
        return self.numerator * 100 / self.denominator


def kept_rows(
    codes: Iterable[str], place_ids: Iterable[int | None], years: Iterable[int]
) -> dict[Key, RollupCount]:
    """The kept rows for these indicators, places and years plus the live rows: one query."""
    ids = list(place_ids)
    where = Q(place_id__in=[pk for pk in ids if pk is not None])
    if None in ids:
        where |= Q(place__isnull=True)
    # Dashboards read from the replica when one is configured (a count a few seconds old is
    # fine there); every write above goes to the primary.
    rows = RollupCount.objects.using(read_db()).filter(
        where, indicator__in=list(codes), year__in=[LIVE_YEAR, *years]
    )
    return {(r.indicator, r.place_id, r.year): r for r in rows}


def figure(
    rows: dict[Key, RollupCount], indicator: Indicator, place_id: int | None, year: int
) -> Figure:
    """The actual value of ``indicator`` at a place and year, from rows read by ``kept_rows``."""
    own = rows.get((indicator.code, place_id, year))
    live = rows.get((indicator.code, place_id, LIVE_YEAR))
    snapshot = own if own is not None and own.frozen else live
    if indicator.source == Source.RECOGNITIONS:
        numerator = own.numerator if own is not None else 0
        denominator = snapshot.denominator if snapshot is not None else 0
        return Figure(numerator, denominator)
    if indicator.source == Source.REGISTRY:
        if snapshot is None:
            return Figure(0, 0)
        return Figure(snapshot.numerator, snapshot.denominator)
    if own is None:
        return Figure(None, None)
    return Figure(own.numerator, own.denominator)


def freeze_year(year: int, province: Place | None = None) -> int:
    """Copy the live registry counts into ``year``'s rows (at the year's end); returns rows."""
    registry_codes = set(
        Indicator.objects.filter(source=Source.REGISTRY).values_list("code", flat=True)
    )
    live = RollupCount.objects.filter(year=LIVE_YEAR)
    if province is not None:
        live = live.filter(place__path__startswith=province.path)
    with transaction.atomic():
        live_rows = list(live)
        existing = {
            (r.indicator, r.place_id): r
            for r in RollupCount.objects.filter(
                year=year, place_id__in=[r.place_id for r in live_rows if r.place_id]
            )
            | RollupCount.objects.filter(year=year, place__isnull=True)
        }
        changed, new = [], []
        for row in live_rows:
            if province is not None and row.place_id is None:
                continue
            target = existing.get((row.indicator, row.place_id))
            if target is None:
                target = RollupCount(indicator=row.indicator, place_id=row.place_id, year=year)
                new.append(target)
            else:
                changed.append(target)
            target.denominator, target.frozen = row.denominator, True
            if row.indicator in registry_codes:
                target.numerator = row.numerator
        RollupCount.objects.bulk_update(changed, ["numerator", "denominator", "frozen"], 1000)
        RollupCount.objects.bulk_create(new, 1000)
    return len(changed) + len(new)
