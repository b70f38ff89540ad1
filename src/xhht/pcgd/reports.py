"""What the PCGD–XMC pages, forms and documents show, read from the engine (``pcgd.kept``,
``pcgd.engine``, ``pcgd.rules``): per commune and school year each standard with each cohort's
numerator, denominator and rate against its threshold, the level reached per family and why not
the next; per province each commune's levels and the province's level.

A threshold the decree does not give (NOT FOUND in a legal source, ../shared/research/vn-criteria.md
§7) is ``None`` until the province enters it: shown as "chưa có ngưỡng — do tỉnh nhập", never a
number of our own. ``freeze``/``thaw`` turn a commune's figures into the JSON a submitted file
keeps (``Dossier.snapshot``), so the documents print what the province checked.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy

from xhht.pcgd import engine, rules
from xhht.pcgd.models import (
    LEVELS,
    Cohort,
    CohortFigure,
    Dossier,
    Family,
    StandardCode,
    StandardResult,
    StandardRule,
)
from xhht.places.models import Level, Place

HUNDRED = Decimal(100)
#: A commune without survey rows that year reaches nothing: its empty cohorts would otherwise
#: meet every rate (no people, no shortfall).
NO_SURVEY = gettext_lazy("Chưa có phiếu điều tra của năm học này: chưa xét đạt chuẩn.")


def rate_of(numerator: int, denominator: int) -> Decimal | None:
    """The percent with two decimals (half up), ``None`` without a denominator."""
    if denominator <= 0:
        return None
    return (Decimal(numerator) * HUNDRED / Decimal(denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True)
class RateLine:
    """One cohort rate of a standard: its figures against its threshold."""

    cohort: str
    numerator: int
    denominator: int
    #: ``None``: not confirmed in a legal source and not yet entered by the province.
    threshold: Decimal | None
    #: The threshold was entered by the province (not read in the decree).
    by_province: bool = False

    @property
    def label(self) -> str:
        return str(Cohort(self.cohort).label)

    @property
    def rate(self) -> Decimal | None:
        return rate_of(self.numerator, self.denominator)

    @property
    def met(self) -> bool | None:
        """``None`` when there is no threshold to compare with."""
        if self.threshold is None:
            return None
        rate = self.rate
        return rate is not None and rate >= self.threshold


@dataclass(frozen=True)
class StandardLine:
    code: str
    reached: bool
    lines: Sequence[RateLine] = ()
    #: The engine's reasons it is not reached ("Thiếu 1 em 15–18 tuổi tốt nghiệp THCS …").
    reasons: Sequence[str] = ()
    #: The cohort whose shortfall a list of who to visit can close ("" for none).
    short_cohort: str = ""

    @property
    def label(self) -> str:
        return str(StandardCode(self.code).label)

    @property
    def family(self) -> str:
        return LEVELS[self.code][0]

    @property
    def level(self) -> int:
        return LEVELS[self.code][1]

    @property
    def shortfalls(self) -> list[str]:
        return list(self.reasons)


@dataclass(frozen=True)
class FamilyLine:
    """A family's level reached and, when there is a next level, why it is not reached."""

    family: str
    level: int
    standards: Sequence[StandardLine]
    recognised_level: int = 0

    @property
    def label(self) -> str:
        return str(Family(self.family).label)

    @property
    def next(self) -> StandardLine | None:
        return next((s for s in self.standards if s.level == self.level + 1), None)


@dataclass
class CommuneFigures:
    commune: Place
    school_year: int
    hardship: bool
    has_data: bool
    standards: list[StandardLine]
    #: Cohort → (numerator, denominator).
    cohorts: dict[str, tuple[int, int]]
    recognised: set[str] = field(default_factory=set)

    def standard(self, code: str) -> StandardLine:
        return next(s for s in self.standards if s.code == code)

    def families(self) -> list[FamilyLine]:
        rows = []
        for family in Family.values:
            standards = [s for s in self.standards if s.family == family]
            level = 0
            for standard in sorted(standards, key=lambda s: s.level):
                if not standard.reached:
                    break
                level = standard.level
            recognised = max((s.level for s in standards if s.code in self.recognised), default=0)
            rows.append(FamilyLine(family, level, standards, recognised))
        return rows


def _threshold(rule: StandardRule, hardship: bool) -> Decimal | None:
    if hardship and rule.hardship_threshold is not None:
        return rule.hardship_threshold
    return rule.threshold


def _cohort(rule: StandardRule, hardship: bool) -> str:
    return rule.hardship_cohort if hardship and rule.hardship_cohort else rule.cohort


def rate_rules(province_id: int, school_year: int) -> dict[str, list[tuple[StandardRule, bool]]]:
    """Each standard's rate rules in force for the province that year, each with whether the
    province entered it (its own version filled a threshold the decree does not give)."""
    standards = rules.standards_for([province_id], school_year)[province_id]
    return {
        code: [
            (rule, standard.province_id is not None and not rule.confirmed)
            for rule in standard.rules.all()
            if rule.kind == StandardRule.Kind.RATE and rule.cohort
        ]
        for code, standard in standards.items()
    }


def commune_figures(commune: Place, school_year: int) -> CommuneFigures:
    """The commune's result computed from its people now (``engine.compute``: a handful of
    queries), as the page shows it and a submitted file freezes it."""
    result = engine.compute([commune], school_year)[commune.pk]
    by_code = rate_rules(commune.root_id, school_year)
    cohorts = {
        cohort: (figure.numerator, figure.denominator) for cohort, figure in result.figures.items()
    }
    standards = []
    for code in StandardCode.values:
        outcome = result.outcomes.get(code)
        lines = []
        for rule, by_province in by_code.get(code, []):
            cohort = _cohort(rule, result.hardship)
            numerator, denominator = cohorts.get(cohort, (0, 0))
            lines.append(
                RateLine(
                    cohort, numerator, denominator, _threshold(rule, result.hardship), by_province
                )
            )
        reasons = [r.text for r in outcome.reasons] if outcome else []
        if not result.has_data:
            reasons.insert(0, str(NO_SURVEY))
        short = next(
            (r.cohort for r in (outcome.reasons if outcome else []) if r.kind == "shortfall"), ""
        )
        standards.append(
            StandardLine(
                code=code,
                reached=bool(result.has_data and outcome and outcome.reached),
                lines=lines,
                reasons=reasons,
                short_cohort=short or "",
            )
        )
    return CommuneFigures(
        commune=commune,
        school_year=school_year,
        hardship=result.hardship,
        has_data=result.has_data,
        standards=standards,
        cohorts=cohorts,
        recognised=recognised_codes([commune.pk], school_year).get(commune.pk, set()),
    )


def recognised_codes(commune_ids: Iterable[int], school_year: int) -> dict[int, set[str]]:
    """The standards each commune was recognised for that school year (one query)."""
    found: dict[int, set[str]] = {}
    rows = Dossier.objects.filter(
        commune_id__in=list(commune_ids),
        school_year=school_year,
        state=Dossier.State.RECOGNISED,
    ).values_list("commune_id", "codes")
    for commune_id, codes in rows:
        found.setdefault(commune_id, set()).update(codes)
    return found


# --- the file's frozen figures -------------------------------------------------------------


def freeze(figures: CommuneFigures, codes: Sequence[str]) -> dict[str, Any]:
    """JSON of the figures at submission (``Dossier.snapshot``)."""
    return {
        "school_year": figures.school_year,
        "hardship": figures.hardship,
        "frozen_at": timezone.now().isoformat(),
        "codes": list(codes),
        "cohorts": {c: list(pair) for c, pair in figures.cohorts.items()},
        "standards": [
            {
                "code": s.code,
                "reached": s.reached,
                "reasons": list(s.reasons),
                "lines": [
                    {
                        "cohort": line.cohort,
                        "numerator": line.numerator,
                        "denominator": line.denominator,
                        "threshold": None if line.threshold is None else str(line.threshold),
                        "by_province": line.by_province,
                    }
                    for line in s.lines
                ],
            }
            for s in figures.standards
        ],
    }


def thaw(snapshot: Mapping[str, Any]) -> list[StandardLine]:
    """The standards of a frozen file, as they were at submission."""
    return [
        StandardLine(
            code=s["code"],
            reached=bool(s["reached"]),
            reasons=list(s.get("reasons", [])),
            lines=[
                RateLine(
                    line["cohort"],
                    int(line["numerator"]),
                    int(line["denominator"]),
                    None if line["threshold"] is None else Decimal(line["threshold"]),
                    bool(line.get("by_province")),
                )
                for line in s["lines"]
            ],
        )
        for s in snapshot.get("standards", [])
    ]


def frozen_at(snapshot: Mapping[str, Any]) -> datetime.datetime | None:
    text = snapshot.get("frozen_at")
    return datetime.datetime.fromisoformat(text) if text else None


# --- the province ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ProvinceCell:
    code: str
    reached: int
    recognised: int


@dataclass(frozen=True)
class CommuneRow:
    commune: Place
    levels: Mapping[str, int]
    recognised: set[str]
    has_data: bool

    @property
    def cells(self) -> list[int]:
        """The level of each family, in ``Family`` order."""
        return [self.levels.get(family, 0) for family in Family.values]


@dataclass(frozen=True)
class ProvinceLine:
    """The province's level for one standard: by the engine and by the decisions."""

    code: str
    communes: int
    reached_communes: int
    recognised_communes: int
    #: The share the province entered (``ProvinceRule``); ``None``: not entered yet.
    share: Decimal | None
    reached: bool | None
    text: str

    @property
    def label(self) -> str:
        return str(StandardCode(self.code).label)

    @property
    def recognised_reached(self) -> bool | None:
        """The province's level counted on recognised communes only."""
        if self.share is None or self.communes == 0:
            return None
        return Decimal(self.recognised_communes) * HUNDRED >= self.share * self.communes


def province_communes(province: Place) -> list[Place]:
    return list(
        Place.objects.subtree(province).current().filter(level=Level.COMMUNE).order_by("sort_key")
    )


def province_rows(province: Place, school_year: int, communes: Sequence[Place]) -> list[CommuneRow]:
    """Each commune's level per family (kept results, one query) and what it was recognised
    for."""
    ids = [c.pk for c in communes]
    reached: dict[int, set[str]] = {}
    for commune_id, code in StandardResult.objects.filter(
        commune_id__in=ids, school_year=school_year, reached=True
    ).values_list("commune_id", "code"):
        reached.setdefault(commune_id, set()).add(code)
    surveyed = set(
        CohortFigure.objects.filter(
            commune_id__in=ids, school_year=school_year, cohort=Cohort.SURVEYED, numerator__gt=0
        ).values_list("commune_id", flat=True)
    )
    recognised = recognised_codes(ids, school_year)
    return [
        CommuneRow(
            commune,
            levels_of(reached.get(commune.pk, set())),
            recognised.get(commune.pk, set()),
            commune.pk in surveyed,
        )
        for commune in communes
    ]


def levels_of(codes: set[str]) -> dict[str, int]:
    """Each family's level from the standards reached (a level counts when those below it are
    reached too)."""
    levels = {}
    for family in Family.values:
        level = 0
        for code, (of, at) in sorted(LEVELS.items(), key=lambda item: item[1][1]):
            if of == family and at == level + 1 and code in codes:
                level = at
        levels[family] = level
    return levels


def province_lines(
    province: Place, school_year: int, rows: Sequence[CommuneRow]
) -> list[ProvinceLine]:
    outcomes = engine.province_outcome(province, school_year)
    lines = []
    for code in StandardCode.values:
        outcome = outcomes.get(code)
        recognised = sum(1 for row in rows if code in row.recognised)
        lines.append(
            ProvinceLine(
                code=code,
                communes=outcome.communes if outcome else len(rows),
                reached_communes=outcome.reached_communes if outcome else 0,
                recognised_communes=recognised,
                share=outcome.share if outcome else None,
                reached=outcome.reached if outcome else None,
                text=outcome.text if outcome else "",
            )
        )
    return lines


@dataclass(frozen=True)
class UnconfirmedRule:
    """A rate rule whose threshold the decree does not give: empty, or entered by the province."""

    code: str
    cohort: str
    threshold: Decimal | None
    hardship_threshold: Decimal | None
    by_province: bool
    source: str

    @property
    def label(self) -> str:
        return str(StandardCode(self.code).label)

    @property
    def cohort_label(self) -> str:
        return str(Cohort(self.cohort).label)


def unconfirmed_rules(province_id: int, school_year: int) -> list[UnconfirmedRule]:
    found = []
    for code, pairs in rate_rules(province_id, school_year).items():
        for rule, by_province in pairs:
            if rule.confirmed:
                continue
            found.append(
                UnconfirmedRule(
                    code,
                    rule.cohort,
                    rule.threshold,
                    rule.hardship_threshold,
                    by_province and rule.threshold is not None,
                    rule.source,
                )
            )
    order = {code: at for at, code in enumerate(StandardCode.values)}
    return sorted(found, key=lambda r: order[r.code])
