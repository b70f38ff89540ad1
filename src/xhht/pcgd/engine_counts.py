"""Counting the cohorts from the person data, set-based.

One GROUP BY over the people of the places (by place and birth year) gives, per group, how many
people there are, how many are exempt (a disability that exempts from the PCGD cohorts), and how
many meet each measure; the cohorts are then sums over the birth years of their ages, and the
communes sums over their hamlets — loops over groups, never over people.

Who counts in school year Y (``years.age_in``: age = Y − birth year): people whose place is the
commune or one of its hamlets, aged 5–60, except those who left for good or died before the
school year ended (``Departure.left_on`` before 1 September of Y + 1) and those whose schooling
row of the year says they did not live there (``moved_away``).
"""

from __future__ import annotations

import operator
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import reduce
from typing import Any

from django.db import connections
from django.db.models import Count, FilteredRelation, Q, QuerySet

from xhht.pcgd.models import COHORTS, Cohort, Measure, SchoolingRecord
from xhht.pcgd.models.cohorts import AGE_SPAN
from xhht.pcgd.models.years import year_ends
from xhht.places.models import Level, Place
from xhht.registry.models import Person

S, L = SchoolingRecord.Status, SchoolingRecord.Level
#: Registry education levels that imply a completed primary programme (biết chữ mức độ 2).
#: "Tiểu học" itself is left out: it may mean attending; "nghề" does not say which school.
EDUCATION_LITERATE = ("lower_secondary", "upper_secondary", "college", "university", "postgraduate")


@dataclass(frozen=True)
class Figure:
    numerator: int
    denominator: int

    @property
    def rate(self) -> Decimal | None:
        """The percentage (two decimals), None without anyone to count."""
        if not self.denominator:
            return None
        return (Decimal(self.numerator) * 100 / Decimal(self.denominator)).quantize(Decimal("0.01"))

    def __add__(self, other: Figure) -> Figure:
        return Figure(self.numerator + other.numerator, self.denominator + other.denominator)


ZERO = Figure(0, 0)


def _literacy(school_year: int) -> tuple[Q, Q]:
    """(level 1 or more, level 2): a literacy record reached by the end of the school year, or
    what the year's schooling row and the registry's education say."""
    reached = Q(literacy__reached_year__isnull=True) | Q(
        literacy__reached_year__lte=school_year + 1
    )
    level_2 = (
        (Q(literacy__level__gte=2) & reached)
        | Q(sr__primary_completed_year__isnull=False)
        | Q(sr__lower_secondary_diploma_year__isnull=False)
        # In a secondary grade: the primary programme is behind them.
        | Q(sr__status=S.ENROLLED, sr__level__in=[L.LOWER_SECONDARY, L.UPPER_SECONDARY])
        | Q(sr__status=S.ENROLLED, sr__level=L.CONTINUING)
        | Q(education__in=EDUCATION_LITERATE)
    )
    level_1 = (
        level_2
        | (Q(literacy__level__gte=1) & reached)
        # "Hoàn thành lớp 3": in grade 4 or 5.
        | Q(sr__status=S.ENROLLED, sr__level=L.PRIMARY, sr__grade__gte=4)
    )
    return level_1, level_2


def measure_conditions(school_year: int) -> dict[str, Q]:
    """The condition a person meets for each measure (on the ``sr`` schooling row of the year)."""
    in_primary = Q(sr__status=S.ENROLLED, sr__level=L.PRIMARY)
    completed_primary = Q(sr__primary_completed_year__isnull=False)
    level_1, level_2 = _literacy(school_year)
    return {
        Measure.ATTENDING_PRESCHOOL: Q(
            sr__status=S.ENROLLED, sr__level__in=[L.PRESCHOOL, L.PRIMARY]
        ),
        Measure.COMPLETED_PRESCHOOL: Q(sr__completed_preschool=True),
        Measure.IN_PRIMARY: in_primary,
        Measure.COMPLETED_PRIMARY: completed_primary,
        Measure.COMPLETED_OR_IN_PRIMARY: completed_primary | in_primary,
        Measure.THCS_DIPLOMA: Q(sr__lower_secondary_diploma_year__isnull=False),
        Measure.STUDYING_UPPER: Q(sr__status=S.ENROLLED)
        & (
            Q(sr__level__in=[L.UPPER_SECONDARY, L.VOCATIONAL])
            | Q(sr__level=L.CONTINUING, sr__grade__gte=10)
        ),
        Measure.LITERATE_1: level_1,
        Measure.LITERATE_2: level_2,
    }


#: The statuses of people who live in the commune that school year (all but ``moved_away``).
PRESENT = [status for status in S.values if status != S.MOVED_AWAY]
#: The measures counted among the non-exempt only (the PCGD cohorts).
EXEMPTING = {spec.measure for spec in COHORTS.values() if spec.exempts}
EXEMPT = Q(sr__exempt_disability=True)


def counted_people(school_year: int, ages: tuple[int, int] = AGE_SPAN) -> QuerySet[Person]:
    """The people who count in ``school_year`` at these ages, with their schooling row ``sr``."""
    return (
        Person.objects.annotate(
            sr=FilteredRelation(
                "schooling_records", condition=Q(schooling_records__school_year=school_year)
            )
        )
        .filter(birth_year__gte=school_year - ages[1], birth_year__lte=school_year - ages[0])
        .filter(Q(sr__isnull=True) | Q(sr__status__in=PRESENT))
        .filter(Q(departure__isnull=True) | Q(departure__left_on__gte=year_ends(school_year)))
    )


def _under(paths: Iterable[str], field: str = "place__path") -> Q:
    conditions = [Q(**{f"{field}__startswith": path}) for path in paths]
    return reduce(operator.or_, conditions) if conditions else Q(pk__in=[])


GroupKey = tuple[int, int]  # (place id, birth year)


def grouped_counts(
    paths: Sequence[str], school_year: int, *, people: Collection[int] | None = None
) -> dict[GroupKey, dict[str, int]]:
    """Per (place, birth year) under ``paths`` (or of the ``people`` given instead): "all",
    "exempt", "surveyed" and each measure."""
    measures = measure_conditions(school_year)
    aggregates: dict[str, Any] = {
        "all": Count("pk"),
        "exempt": Count("pk", filter=EXEMPT),
        "surveyed": Count("pk", filter=Q(sr__isnull=False)),
    }
    for measure, condition in measures.items():
        if measure in EXEMPTING:
            condition = condition & Q(sr__exempt_disability=False)
        aggregates[measure] = Count("pk", filter=condition)
    names = list(aggregates)
    rows = (
        counted_people(school_year)
        .filter(_under(paths) if people is None else Q(pk__in=list(people)))
        .order_by()
        .values("place_id", "birth_year")
        .annotate(**aggregates)
        .values_list("place_id", "birth_year", *names)
    )
    # Plain tuples from the cursor: Django's per-value converters on tens of thousands of
    # grouped rows took a fifth of a province's rebuild (docs/SCALING.md, PCGD–XMC).
    sql, params = rows.query.sql_with_params()
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    return {(row[0], row[1]): dict(zip(names, row[2:], strict=True)) for row in fetched}


def communes_of_place_ids(place_ids: Collection[int]) -> dict[int, int]:
    """Each of these places → the commune it is in (two queries, whatever the tree's size)."""
    paths = dict(Place.objects.filter(pk__in=list(place_ids)).values_list("pk", "path"))
    above = {pk for path in paths.values() for pk in Place.ids_in_path(path)}
    communes = set(
        Place.objects.filter(pk__in=list(above), level=Level.COMMUNE).values_list("pk", flat=True)
    )
    result: dict[int, int] = {}
    for pk, path in paths.items():
        found = [c for c in Place.ids_in_path(path) if c in communes]
        if found:
            result[pk] = found[-1]
    return result


def communes_of_places(paths: Sequence[str]) -> dict[int, int]:
    """Each place under ``paths`` → the commune it is in (itself for a commune)."""
    places = list(Place.objects.filter(_under(paths, "path")).values_list("pk", "level", "path"))
    communes = {pk for pk, level, _path in places if level == Level.COMMUNE}
    result: dict[int, int] = {}
    for pk, _level, path in places:
        for ancestor in reversed(Place.ids_in_path(path)):
            if ancestor in communes:
                result[pk] = ancestor
                break
    return result


def cohort_figures(groups: dict[GroupKey, dict[str, int]], school_year: int) -> dict[str, Figure]:
    """The cohorts' figures from the groups of one area (summed over places and birth years)."""
    by_age: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for (_place, birth_year), counts in groups.items():
        age = school_year - birth_year
        for key, value in counts.items():
            by_age[age][key] += value
    figures: dict[str, Figure] = {}
    for code, spec in COHORTS.items():
        numerator = denominator = 0
        for age in range(spec.ages[0], spec.ages[1] + 1):
            at_age = by_age.get(age)
            if at_age is None:
                continue
            numerator += at_age[spec.measure]
            denominator += at_age["all"] - (at_age["exempt"] if spec.exempts else 0)
        figures[code] = Figure(numerator, denominator)
    surveyed = sum(at_age["surveyed"] for at_age in by_age.values())
    figures[Cohort.SURVEYED] = Figure(surveyed, 0)
    return figures


def figures_of_communes(
    communes: Sequence[Place], school_year: int
) -> dict[int, dict[str, Figure]]:
    """The cohorts' figures of each commune: two queries whatever the number of communes."""
    paths = _prefixes(communes)
    commune_of = communes_of_places(paths)
    groups = grouped_counts(paths, school_year)
    per_commune: dict[int, dict[GroupKey, dict[str, int]]] = defaultdict(dict)
    for key, counts in groups.items():
        commune_id = commune_of.get(key[0])
        if commune_id is not None:
            per_commune[commune_id][key] = counts
    return {c.pk: cohort_figures(per_commune.get(c.pk, {}), school_year) for c in communes}


def figures_by_place(commune: Place, school_year: int) -> dict[int, dict[str, Figure]]:
    """The cohorts' figures of each place of the commune (its hamlets; the commune itself for
    people registered at the commune), for the per-hamlet tables of the report forms."""
    groups = grouped_counts([commune.path], school_year)
    per_place: dict[int, dict[GroupKey, dict[str, int]]] = defaultdict(dict)
    for key, counts in groups.items():
        per_place[key[0]][key] = counts
    return {pk: cohort_figures(rows, school_year) for pk, rows in per_place.items()}


def _prefixes(communes: Sequence[Place]) -> list[str]:
    """The paths to read: the communes', or their provinces' when there are many."""
    if len(communes) <= 50:
        return [c.path for c in communes]
    return sorted({f"/{c.root_id}/" for c in communes})
