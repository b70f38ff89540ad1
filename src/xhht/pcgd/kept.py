"""Keeping the engine's results current: ``CohortFigure`` and ``StandardResult`` per commune and
school year, and the catalogue's indicators fed from them.

A (commune, school year) pair is kept when the commune has schooling rows of that year (its
survey was entered: ``Cohort.SURVEYED``). ``kept_signals`` follows the records: a change of a
person, their schooling row, literacy or departure adds the difference of that person's
contribution to the kept figures (``apply_deltas``: no scan of the commune's people) and
evaluates the pair again; a pair that starts or stops being kept, a change of the commune's ĐBKK
status or conditions, and a person's deletion recompute the pairs from the person data
(``refresh``: a handful of queries for the whole commune, never one per person). ``batch()``
gathers the pairs of many saves (a household's form) and recomputes each once at its end.
``rebuild`` (``xhht rebuild_pcgd``) recomputes everything set-based; a property test checks
kept = rebuild.

Indicators (``INDICATORS``): each kept commune gives 1/1 (reached) or 0/1 to the year's row
(year = the school year's start) of the indicator of a standard, and its literate 15–60 figure
to ``literate_15_60`` — unless a value was entered by hand for that indicator and year at the
commune or above (``EnteredValue``): then the entered value counts and the computed one not
(``fed``). ``rebuild_counts`` hands the same rows to ``xhht rebuild_rollups``.

A bulk write that sends ``registry.signals.bulk_written`` (the registry's and centres' imports)
recomputes the province (``refresh_province``). Not followed: other ``QuerySet.update`` and
``bulk_create`` (their writers call ``refresh_province`` or ``xhht rebuild_pcgd``), a commune
moved or merged, and rule sets changed outside ``rules_actions`` (rebuild).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import transaction
from django.db.models import F, Q, QuerySet

from xhht.indicators.models import EnteredValue
from xhht.indicators.rebuild import CountRow
from xhht.indicators.rollups import apply_delta
from xhht.pcgd import engine
from xhht.pcgd.engine_counts import communes_of_place_ids
from xhht.pcgd.models import (
    Cohort,
    CohortFigure,
    HardshipCommune,
    SchoolingRecord,
    StandardResult,
)
from xhht.places.models import Level, Place

#: The catalogue's indicator of each standard (place counts: communes reaching it).
INDICATORS: dict[str, str] = {
    "pcgd_mn": "pcgd_mn",
    "pcgd_th_3": "pcgd_th_level3",
    "pcgd_thcs_2": "pcgd_thcs_level2",
    "pcgd_thcs_3": "pcgd_thcs_level3",
    "xmc_2": "xmc_level2",
}
#: The rate indicators fed from a cohort's figure.
COHORT_INDICATORS: dict[str, str] = {Cohort.LITERATE2_15_60: "literate_15_60"}
FED_CODES = frozenset({*INDICATORS.values(), *COHORT_INDICATORS.values()})

Pair = tuple[int, int]  # (commune id, school year)
Contribution = dict[tuple[str, int], tuple[int, int]]  # (indicator, commune) → (n, d)
_pending: ContextVar[set[Pair] | None] = ContextVar("pcgd_pending", default=None)


# Recomputing pairs ---------------------------------------------------------------------------


def refresh_pairs(pairs: Iterable[Pair]) -> None:
    """Recompute the pairs (or remember them until the end of the current ``batch``)."""
    pending = _pending.get()
    if pending is not None:
        pending.update(pairs)
        return
    by_year: dict[int, set[int]] = defaultdict(set)
    for commune_id, year in pairs:
        by_year[year].add(commune_id)
    for year, ids in by_year.items():
        communes = list(Place.objects.filter(pk__in=ids, level=Level.COMMUNE))
        refresh(communes, year)


def in_batch() -> bool:
    return _pending.get() is not None


@contextmanager
def batch() -> Iterator[None]:
    """Recompute each touched pair once, at the end (inside the caller's transaction)."""
    if _pending.get() is not None:
        yield
        return
    token = _pending.set(set())
    try:
        yield
        pairs = _pending.get() or set()
    finally:
        _pending.reset(token)
    refresh_pairs(pairs)


def refresh(communes: Sequence[Place], school_year: int, *, feed: bool = True) -> None:
    """Recompute and store the communes' results of a school year; apply the indicators'
    difference (``feed``; the rebuild recounts them instead)."""
    if not communes:
        return
    results = engine.compute(communes, school_year)
    with transaction.atomic():
        _store(results, school_year, feed=feed)


def _store(results: dict[int, engine.CommuneResult], year: int, *, feed: bool) -> None:
    ids = list(results)
    old = contributions(ids, year) if feed else {}
    _raw_delete(CohortFigure.objects.filter(commune_id__in=ids, school_year=year))
    kept = [result for result in results.values() if result.has_data]
    blocked = _blocked([r.commune_id for r in kept], year)
    figures = []
    for result in kept:
        for cohort, figure in result.figures.items():
            indicator = COHORT_INDICATORS.get(cohort)
            figures.append(
                CohortFigure(
                    commune_id=result.commune_id,
                    school_year=year,
                    cohort=cohort,
                    numerator=figure.numerator,
                    denominator=figure.denominator,
                    fed=indicator is not None and (result.commune_id, indicator) not in blocked,
                )
            )
    CohortFigure.objects.bulk_create(figures)
    store_outcomes(results, year, blocked=blocked, old=old if feed else None)


def store_outcomes(
    results: dict[int, engine.CommuneResult],
    year: int,
    *,
    blocked: set[tuple[int, str]] | None = None,
    old: Contribution | None = None,
) -> None:
    """Write the results' outcomes (kept ones only); with ``old``, feed the indicators the
    difference between ``old`` and what the kept rows give now."""
    ids = list(results)
    _raw_delete(StandardResult.objects.filter(commune_id__in=ids, school_year=year))
    kept = [result for result in results.values() if result.has_data]
    if blocked is None:
        blocked = _blocked([r.commune_id for r in kept], year)
    outcomes = []
    for result in kept:
        for code, outcome in result.outcomes.items():
            indicator = INDICATORS.get(code)
            outcomes.append(
                StandardResult(
                    commune_id=result.commune_id,
                    school_year=year,
                    code=code,
                    reached=outcome.reached,
                    reasons=[reason.as_dict() for reason in outcome.reasons],
                    fed=indicator is not None and (result.commune_id, indicator) not in blocked,
                )
            )
    StandardResult.objects.bulk_create(outcomes)
    if old is not None:
        _feed(old, contributions(ids, year), year)


def _raw_delete(rows: QuerySet[Any]) -> None:
    """One DELETE (``QuerySet.delete`` would load the rows for the audit's receiver)."""
    rows._raw_delete(using=rows.db)


def contributions(ids: Sequence[int], year: int) -> Contribution:
    """What the kept rows of these communes give the indicators now (two queries)."""
    result: Contribution = {}
    rows = StandardResult.objects.filter(
        commune_id__in=ids, school_year=year, fed=True, code__in=list(INDICATORS)
    )
    for commune_id, code, reached in rows.values_list("commune_id", "code", "reached"):
        result[(INDICATORS[code], commune_id)] = (int(reached), 1)
    figures = CohortFigure.objects.filter(
        commune_id__in=ids, school_year=year, fed=True, cohort__in=list(COHORT_INDICATORS)
    )
    for commune_id, cohort, n, d in figures.values_list(
        "commune_id", "cohort", "numerator", "denominator"
    ):
        result[(COHORT_INDICATORS[cohort], commune_id)] = (n, d)
    return result


def _feed(old: Contribution, new: Contribution, year: int) -> None:
    changed = {key for key in {*old, *new} if old.get(key) != new.get(key)}
    if not changed:
        return
    paths = dict(
        Place.objects.filter(pk__in={pk for _code, pk in changed}).values_list("pk", "path")
    )
    for indicator, commune_id in sorted(changed):
        n_old, d_old = old.get((indicator, commune_id), (0, 0))
        n_new, d_new = new.get((indicator, commune_id), (0, 0))
        apply_delta(
            indicator=indicator,
            ids=Place.ids_in_path(paths[commune_id]),
            year=year,
            numerator=n_new - n_old,
            denominator=d_new - d_old,
        )


def _blocked(ids: Sequence[int], year: int) -> set[tuple[int, str]]:
    """(commune, indicator) pairs with a value entered by hand at the commune or above."""
    if not ids:
        return set()
    paths = dict(Place.objects.filter(pk__in=ids).values_list("pk", "path"))
    above = {pk for path in paths.values() for pk in Place.ids_in_path(path)}
    entered = EnteredValue.objects.filter(
        indicator__code__in=FED_CODES, year=year, place_id__in=above
    ).values_list("indicator__code", "place_id")
    blocked: set[tuple[int, str]] = set()
    for code, place_id in entered:
        for commune_id, path in paths.items():
            if place_id in Place.ids_in_path(path):
                blocked.add((commune_id, code))
    return blocked


def apply_deltas(deltas: dict[Pair, dict[str, tuple[int, int]]]) -> None:
    """Add the differences of kept pairs' figures (``UPDATE … SET n = n + δ``, safe when two
    requests count at once), then evaluate the pairs again from their kept figures and feed the
    indicators the difference: no person data is read."""
    by_year: dict[int, dict[int, dict[str, tuple[int, int]]]] = defaultdict(dict)
    for (commune_id, year), changes in deltas.items():
        by_year[year][commune_id] = changes
    for year, communes in by_year.items():
        ids = list(communes)
        old = contributions(ids, year)
        for commune_id, changes in communes.items():
            for cohort, (numerator, denominator) in changes.items():
                CohortFigure.objects.filter(
                    commune_id=commune_id, school_year=year, cohort=cohort
                ).update(
                    numerator=F("numerator") + numerator,
                    denominator=F("denominator") + denominator,
                )
        figures: dict[int, dict[str, engine.Figure]] = defaultdict(dict)
        rows = CohortFigure.objects.filter(commune_id__in=ids, school_year=year)
        for commune_id, cohort, n, d in rows.values_list(
            "commune_id", "cohort", "numerator", "denominator"
        ):
            figures[commune_id][cohort] = engine.Figure(n, d)
        places = list(Place.objects.filter(pk__in=ids))
        store_outcomes(engine.evaluate_communes(places, year, figures), year, old=old)


def refeed(communes: Sequence[int], year: int) -> None:
    """Entered values changed: the fed flags of these communes' kept rows follow (no person
    data is read)."""
    old = contributions(communes, year)
    blocked = _blocked(communes, year)
    for indicator_of, model, field in (
        (INDICATORS, StandardResult, "code"),
        (COHORT_INDICATORS, CohortFigure, "cohort"),
    ):
        for key, indicator in indicator_of.items():
            rows = model.objects.filter(commune_id__in=communes, school_year=year, **{field: key})
            stopped = [c for c in communes if (c, indicator) in blocked]
            rows.filter(commune_id__in=stopped).update(fed=False)
            rows.exclude(commune_id__in=stopped).update(fed=True)
    _feed(old, contributions(communes, year), year)


# The pairs a change touches ------------------------------------------------------------------


def kept_years(commune_ids: Iterable[int]) -> dict[int, set[int]]:
    """The school years kept for each commune."""
    years: dict[int, set[int]] = defaultdict(set)
    rows = CohortFigure.objects.filter(commune_id__in=list(commune_ids), cohort=Cohort.SURVEYED)
    for commune_id, year in rows.values_list("commune_id", "school_year"):
        years[commune_id].add(year)
    return years


def commune_of(place_id: int | None) -> int | None:
    """The commune a place is in (itself for a commune), None above communes: two queries."""
    if place_id is None:
        return None
    path = Place.objects.filter(pk=place_id).values_list("path", flat=True).first()
    if not path:
        return None
    communes = Place.objects.filter(pk__in=Place.ids_in_path(path), level=Level.COMMUNE)
    return communes.values_list("pk", flat=True).first()


def person_pairs(place_ids: Iterable[int | None], person_id: int | None) -> set[Pair]:
    """A person's communes (before and after a change) × their kept years, plus the years of the
    person's own schooling rows (a commune they move into may start a year with them)."""
    communes = {c for c in map(commune_of, set(place_ids)) if c is not None}
    years = kept_years(communes)
    own: set[int] = set()
    if person_id is not None:
        own = set(
            SchoolingRecord.objects.filter(person_id=person_id).values_list(
                "school_year", flat=True
            )
        )
    return {(c, y) for c in communes for y in years.get(c, set()) | own}


def refresh_province(province: Place | None) -> None:
    """Recompute every pair of the province that is or becomes kept (or stops being kept),
    feeding the indicators' differences: after a bulk write (``bulk_written``), whose receiver
    in indicators recounts the province before this one runs."""
    scope = Q(commune__path__startswith=province.path) if province is not None else Q()
    old = set(
        CohortFigure.objects.filter(scope, cohort=Cohort.SURVEYED).values_list(
            "commune_id", "school_year"
        )
    )
    refresh_pairs(old | surveyed_pairs(province))


# Reading and rebuilding ----------------------------------------------------------------------


def read(commune: Place, school_year: int) -> engine.CommuneResult | None:
    """The kept result of a commune and school year (None: not kept — no survey rows)."""
    figures = {
        row.cohort: engine.Figure(row.numerator, row.denominator)
        for row in CohortFigure.objects.filter(commune=commune, school_year=school_year)
    }
    if not figures:
        return None
    outcomes = {
        row.code: engine.Outcome(
            row.code, row.reached, tuple(engine.Reason.from_dict(r) for r in row.reasons)
        )
        for row in StandardResult.objects.filter(commune=commune, school_year=school_year)
    }
    hardship = HardshipCommune.objects.filter(commune=commune, school_year=school_year).exists()
    return engine.CommuneResult(commune.pk, school_year, hardship, figures, outcomes)


def surveyed_pairs(province: Place | None = None, years: Iterable[int] | None = None) -> set[Pair]:
    """The (commune, school year) pairs with schooling rows: one GROUP BY and the places."""
    rows = SchoolingRecord.objects.all()
    if province is not None:
        rows = rows.filter(person__place__path__startswith=province.path)
    if years is not None:
        rows = rows.filter(school_year__in=list(years))
    groups = set(rows.order_by().values_list("person__place_id", "school_year").distinct())
    commune_of_place = communes_of_place_ids({p for p, _y in groups})
    return {(commune_of_place[p], y) for p, y in groups if p in commune_of_place}


def rebuild(province: Place | None = None, years: Iterable[int] | None = None) -> int:
    """Recompute every kept pair under ``province`` (everything when None), set-based; the
    indicators' rows are recounted by ``indicators.rebuild`` afterwards. Returns the pairs."""
    wanted = list(years) if years is not None else None
    pairs = surveyed_pairs(province, wanted)
    with transaction.atomic():
        old = Q(commune__path__startswith=province.path) if province is not None else Q()
        if wanted is not None:
            old &= Q(school_year__in=wanted)
        _raw_delete(CohortFigure.objects.filter(old))
        _raw_delete(StandardResult.objects.filter(old))
        by_year: dict[int, list[int]] = defaultdict(list)
        for commune_id, year in pairs:
            by_year[year].append(commune_id)
        for year, ids in sorted(by_year.items()):
            communes = list(Place.objects.filter(pk__in=ids))
            _store(engine.compute(communes, year), year, feed=False)
    return len(pairs)


def rebuild_counts(province: Place | None) -> Iterator[CountRow]:
    """The indicators' rows from the kept results, for ``xhht rebuild_rollups``
    (registered with ``indicators.rebuild.register_counter``)."""
    scope = Q(commune__path__startswith=province.path) if province is not None else Q()
    rows = StandardResult.objects.filter(scope, fed=True, code__in=list(INDICATORS))
    for code, year, commune_id, reached in rows.values_list(
        "code", "school_year", "commune_id", "reached"
    ):
        yield INDICATORS[code], year, commune_id, int(reached), 1
    figures = CohortFigure.objects.filter(scope, fed=True, cohort__in=list(COHORT_INDICATORS))
    for cohort, year, commune_id, n, d in figures.values_list(
        "cohort", "school_year", "commune_id", "numerator", "denominator"
    ):
        yield COHORT_INDICATORS[cohort], year, commune_id, n, d
