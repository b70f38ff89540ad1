"""Schooling and literacy histories drawn in plain Python (no database).

A child's school life is simulated school year by school year from the age of 3 (ages by birth
year, as the PCGD survey counts them: in school year Y a child born in B is Y − B): preschool at
3–5 (most at 5), grade 1 at 6 (some at 7, a few at 8), a grade a year with some repeaters and
drop-outs, primary completed at the end of grade 5 (at 11 for most: the completion year is the
calendar year the school year ends in), grade 6 next, the THCS diploma at the end of grade 9
(at 15 for most), then upper secondary, continuing education (GDTX), vocational school or
nothing. A few children have a disability that exempts them; a few are away in a given year.
``child_rows`` returns the rows of the school years asked for.

Adults get a literacy level (NĐ 20/2014, Điều 19): level 2 for whoever completed primary,
otherwise level 1 or none, or a literacy class. How often an adult falls short depends on the
schooling the registry gives them and on the commune (``Profile``): most communes reach the
standards, weaker ones (more often rural communes) do not. Rates are illustrative, not official
statistics.

Everything is drawn from the ``random.Random`` passed in, so one seed gives one history.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import NamedTuple

#: SchoolingRecord.Status and .Level values (the generator writes plain values).
NOT_IN_SCHOOL, ENROLLED, FINISHED, DROPPED_OUT, MOVED_AWAY = (
    "not_in_school",
    "enrolled",
    "finished",
    "dropped_out",
    "moved_away",
)
PRESCHOOL, PRIMARY, LOWER, UPPER, CONTINUING, VOCATIONAL = (
    "preschool",
    "primary",
    "lower_secondary",
    "upper_secondary",
    "continuing",
    "vocational",
)
#: LiteracyRecord.Method values.
BY_CLASS, BY_SCHOOLING = "literacy_class", "schooling"

#: The ages that get a schooling row each school year (preschool to the end of the 15–18 cohort).
SCHOOL_AGES = (3, 18)
#: The ages that get a literacy row (the XMC cohorts 15–60 of this year and the next few).
LITERACY_AGES = (14, 65)


@dataclass(frozen=True)
class Profile:
    """How a commune's people fare; drawn once per commune (``profile``)."""

    weak: bool
    preschool: tuple[float, float, float]  # share in preschool at 3, 4, 5
    preschool_completes: float  # of the 5-year-olds in preschool
    late_start: float  # grade 1 at 7 or 8 instead of 6
    repeat_primary: float  # per school year
    repeat_lower: float
    drop_primary: float  # per school year
    drop_lower: float
    to_lower: float  # primary completed → grade 6
    exempt: float  # an exempting disability
    away: float  # away from the commune in a given school year
    # Adults whose registry schooling is primary: the chance they fell short of completing it
    # (those with lower secondary or more completed primary: level 2, as the engine reads them).
    gap_primary: float


def profile(rng: random.Random, *, rural: bool) -> Profile:
    """A commune's profile: about one rural commune in five (one ward in twenty) is weak."""
    weak = rng.random() < (0.2 if rural else 0.05)
    u = rng.uniform
    if weak:
        return Profile(
            weak=True,
            preschool=(u(0.3, 0.5), u(0.5, 0.7), u(0.7, 0.85)),
            preschool_completes=u(0.85, 0.95),
            late_start=u(0.04, 0.1),
            repeat_primary=u(0.01, 0.03),
            repeat_lower=u(0.02, 0.05),
            drop_primary=u(0.002, 0.01),
            drop_lower=u(0.03, 0.07),
            to_lower=u(0.93, 0.98),
            exempt=0.006,
            away=u(0.01, 0.03),
            gap_primary=u(0.5, 0.8),
        )
    return Profile(
        weak=False,
        preschool=(u(0.75, 0.9), u(0.9, 0.97), u(0.975, 0.995)),
        preschool_completes=u(0.95, 0.99),
        late_start=u(0.005, 0.03),
        repeat_primary=u(0.002, 0.008),
        repeat_lower=u(0.005, 0.015),
        drop_primary=u(0.0, 0.0005),
        drop_lower=u(0.003, 0.012),
        to_lower=u(0.99, 0.999),
        exempt=0.003,
        away=u(0.003, 0.012),
        gap_primary=u(0.02, 0.08),
    )


class SchoolRow(NamedTuple):
    """One school year of a child, in the order ``SCHOOLING_COLUMNS`` of the writer expects."""

    school_year: int
    status: str
    level: str
    grade: int | None
    completed_preschool: bool
    primary_completed_year: int | None
    lower_secondary_diploma_year: int | None
    exempt_disability: bool


class Literacy(NamedTuple):
    level: int  # 0, 1, 2
    reached_year: int | None
    method: str


class _Child:
    """The state a child carries from one school year to the next."""

    __slots__ = ("diploma", "done_grade", "grade", "level", "preschool_done", "primary", "status")

    def __init__(self) -> None:
        self.status, self.level, self.grade = NOT_IN_SCHOOL, "", 0
        self.preschool_done = False
        self.primary: int | None = None
        self.diploma: int | None = None
        self.done_grade = 0  # the highest grade completed


def child_rows(
    rng: random.Random, birth_year: int, years: tuple[int, ...], p: Profile
) -> tuple[list[SchoolRow], int]:
    """The child's rows for ``years`` (only those at ages ``SCHOOL_AGES``) and the highest grade
    completed by the last of them."""
    last = max(years)
    first_age, last_age = SCHOOL_AGES
    if last - birth_year < first_age:
        return [], 0
    rand = rng.random
    if rand() < p.exempt:  # never schooled: out of the PCGD cohorts
        rows = [
            SchoolRow(y, NOT_IN_SCHOOL, "", None, False, None, None, True)
            for y in years
            if first_age <= y - birth_year <= last_age
        ]
        return rows, 0
    start = 6 if rand() >= p.late_start else (7 if rand() < 0.8 else 8)
    child = _Child()
    rows = []
    for year in range(birth_year + first_age, last + 1):
        age = year - birth_year
        _school_year(rng, child, age, start, year, p)
        if year in years and age <= last_age:
            status = MOVED_AWAY if rand() < p.away else child.status
            enrolled = status == ENROLLED
            rows.append(
                SchoolRow(
                    year,
                    status,
                    child.level if enrolled else "",
                    (child.grade or None) if enrolled else None,
                    child.preschool_done,
                    child.primary,
                    child.diploma,
                    False,
                )
            )
        _year_end(rng, child, year, p)
    return rows, child.done_grade


def _school_year(
    rng: random.Random, child: _Child, age: int, start: int, year: int, p: Profile
) -> None:
    """Where the child is during school year ``year`` (before its end)."""
    if child.status in (DROPPED_OUT, FINISHED):
        return
    if age < start:  # preschool age (and a late starter's extra year)
        in_preschool = rng.random() < p.preschool[min(age, 5) - 3] if age >= 3 else False
        if child.level == PRESCHOOL and age >= 4:
            in_preschool = True  # who started stays
        child.status, child.level = (ENROLLED, PRESCHOOL) if in_preschool else (NOT_IN_SCHOOL, "")
        if in_preschool and age == 5 and rng.random() < p.preschool_completes:
            child.preschool_done = True  # the survey records the year's completion
        return
    if child.level in ("", PRESCHOOL):
        child.status, child.level, child.grade = ENROLLED, PRIMARY, 1


def _year_end(rng: random.Random, child: _Child, year: int, p: Profile) -> None:
    """The end of school year ``year``: a grade completed, repeated or the child drops out."""
    if child.status != ENROLLED or child.level == PRESCHOOL:
        return
    rand = rng.random
    if child.level in (PRIMARY, LOWER):
        primary = child.level == PRIMARY
        if rand() < (p.drop_primary if primary else p.drop_lower):
            child.status, child.level, child.grade = DROPPED_OUT, "", 0
            return
        if rand() < (p.repeat_primary if primary else p.repeat_lower):
            return
        child.done_grade = child.grade
        if child.grade == 5:
            child.primary = year + 1
            if rand() < p.to_lower:
                child.level, child.grade = LOWER, 6
            else:
                child.status, child.level, child.grade = FINISHED, "", 0
        elif child.grade == 9:
            child.diploma = year + 1
            _after_diploma(rng, child)
        else:
            child.grade += 1
        return
    # Upper secondary, continuing education, vocational school.
    if child.level == VOCATIONAL:
        if rand() < 0.3:
            child.status, child.level, child.grade = FINISHED, "", 0
        return
    if rand() < 0.03:
        child.status, child.level, child.grade = DROPPED_OUT, "", 0
        return
    child.done_grade = child.grade
    if child.grade >= 12:
        child.status, child.level, child.grade = FINISHED, "", 0
    else:
        child.grade += 1


def _after_diploma(rng: random.Random, child: _Child) -> None:
    draw = rng.random()
    if draw < 0.72:
        child.level, child.grade = UPPER, 10
    elif draw < 0.8:
        child.level, child.grade = CONTINUING, 10
    elif draw < 0.93:
        child.level, child.grade = VOCATIONAL, 0
    else:
        child.status, child.level, child.grade = FINISHED, "", 0


def literacy_from_school(rows: list[SchoolRow], done_grade: int) -> Literacy:
    """The literacy of a young person whose schooling was simulated (Điều 19: level 2 =
    primary completed, level 1 = grade 3 completed)."""
    primary = next(
        (r.primary_completed_year for r in reversed(rows) if r.primary_completed_year), None
    )
    if primary is not None:
        return Literacy(2, primary, BY_SCHOOLING)
    if done_grade >= 3:
        year = rows[-1].school_year if rows else None
        return Literacy(1, year, BY_SCHOOLING)
    return Literacy(0, None, "")


def adult_literacy(
    rng: random.Random, birth_year: int, education: str, year: int, p: Profile
) -> Literacy:
    """The literacy of an adult from the schooling the registry gives them and the commune."""
    rand = rng.random
    if education == "none":
        short = 1.0
    elif education == "primary":
        short = p.gap_primary
    else:
        short = 0.0
    if rand() >= short:
        return Literacy(2, birth_year + 11, BY_SCHOOLING)
    # Fell short of primary (or never went): a literacy class, level 1, or not literate.
    draw = rand()
    class_year = max(birth_year + 15, min(year, rng.randint(1995, year)))
    if draw < (0.15 if p.weak else 0.35):
        return Literacy(2, min(class_year, year), BY_CLASS)
    if draw < 0.7:
        if rand() < 0.3:
            return Literacy(1, min(class_year, year), BY_CLASS)
        return Literacy(1, birth_year + 9, BY_SCHOOLING)  # grade 3 completed
    return Literacy(0, None, "")
