"""The PCGD–XMC engine: per commune and school year, each cohort's figure, the standards reached
and why not, and a province's level from its communes.

``compute`` reads the person data (``engine_counts``: two queries for any number of communes)
and the commune's ĐBKK status, conditions and the applicable rule sets (three more), then
evaluates each standard (``evaluate``, pure): a rate rule is met when numerator × 100 ≥
threshold × denominator; otherwise the shortfall is the least number of extra people in the
numerator that reaches it (an integer ceiling). A threshold not entered blocks the standard and
says so; so do conditions not confirmed and a required standard not reached. A family's levels
are cumulative (mức độ 2 needs mức độ 1). ``pcgd.kept`` keeps the results; the pages read those.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from decimal import ROUND_CEILING, Decimal
from typing import Any

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils.translation import gettext as _

from xhht.pcgd.engine_counts import (
    EXEMPT,
    ZERO,
    Figure,
    counted_people,
    figures_by_place,
    figures_of_communes,
    measure_conditions,
)
from xhht.pcgd.models import (
    COHORTS,
    LEVELS,
    Cohort,
    ConditionCheck,
    Family,
    HardshipCommune,
    ProvinceRule,
    Standard,
    StandardCode,
    StandardResult,
    StandardRule,
)
from xhht.pcgd.models.years import school_year_label
from xhht.pcgd.rules import EVALUATION_ORDER, standards_for
from xhht.places.models import Level, Place
from xhht.registry.models import Person

__all__ = [
    "CommuneResult",
    "Figure",
    "Outcome",
    "ProvinceOutcome",
    "Reason",
    "cohort_people",
    "compute",
    "evaluate",
    "evaluate_communes",
    "figures_by_place",
    "province_outcome",
]


@dataclass(frozen=True)
class Reason:
    """Why a standard is not reached (``blocking``), or a note that does not block."""

    kind: str  # shortfall | unconfirmed | condition | requires | no_people | no_standard
    code: str
    text: str
    blocking: bool = True
    cohort: str = ""
    numerator: int | None = None
    denominator: int | None = None
    threshold: str | None = None  # a Decimal as text (JSON)
    missing: int | None = None
    condition: str = ""
    requires: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reason:
        return cls(**data)


@dataclass(frozen=True)
class Outcome:
    code: str
    reached: bool
    reasons: tuple[Reason, ...] = ()


@dataclass
class CommuneResult:
    commune_id: int
    school_year: int
    hardship: bool
    figures: dict[str, Figure]
    outcomes: dict[str, Outcome] = field(default_factory=dict)

    @property
    def has_data(self) -> bool:
        """The commune has schooling rows of the school year (its survey was entered)."""
        return self.figures.get(Cohort.SURVEYED, ZERO).numerator > 0

    @property
    def levels(self) -> dict[str, int]:
        """Per family, the highest level reached (0: none)."""
        levels = {family: 0 for family in Family.values}
        for code, outcome in self.outcomes.items():
            family, level = LEVELS[code]
            if outcome.reached:
                levels[family] = max(levels[family], level)
        return levels


def target_name(code: str) -> str:
    """ "mức độ 2", or the standard's name for one without levels ("để đạt …")."""
    if code == StandardCode.PCGD_MN:
        return _("chuẩn phổ cập giáo dục mầm non cho trẻ em 5 tuổi")
    return _("mức độ %(level)s") % {"level": LEVELS[code][1]}


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def needed(threshold: Decimal, denominator: int) -> int:
    """The least numerator whose rate reaches ``threshold`` percent."""
    return int((threshold * denominator / 100).to_integral_value(rounding=ROUND_CEILING))


def _rate_reasons(
    rule: StandardRule, code: str, figures: dict[str, Figure], hardship: bool
) -> list[Reason]:
    cohort = (rule.hardship_cohort if hardship else "") or rule.cohort
    threshold = rule.threshold
    if hardship and rule.hardship_threshold is not None:
        threshold = rule.hardship_threshold
    figure = figures.get(cohort, ZERO)
    common: dict[str, Any] = {
        "code": code,
        "cohort": cohort,
        "numerator": figure.numerator,
        "denominator": figure.denominator,
    }
    label = Cohort(cohort).label
    if threshold is None:
        text = _(
            "Tỷ lệ tối thiểu “%(cohort)s” của %(target)s chưa được xác nhận trong văn bản: do "
            "tỉnh nhập. Chưa thể đạt %(target)s khi tỉnh chưa nhập."
        ) % {"cohort": label, "target": target_name(code)}
        return [Reason("unconfirmed", text=text, **common)]
    common["threshold"] = str(threshold)
    if figure.denominator == 0:
        text = _("Không có người nào thuộc đối tượng “%(cohort)s”.") % {"cohort": label}
        return [Reason("no_people", text=text, blocking=False, **common)]
    missing = needed(threshold, figure.denominator) - figure.numerator
    if missing <= 0:
        return []
    text = _("Thiếu %(n)s %(who)s để đạt %(target)s.") % {
        "n": missing,
        "who": COHORTS[cohort].who,
        "target": target_name(code),
    }
    return [Reason("shortfall", text=text, missing=missing, **common)]


def _condition_reasons(rule: StandardRule, code: str, conditions: dict[str, bool]) -> list[Reason]:
    met = conditions.get(rule.condition)
    if met:
        return []
    if met is None:
        text = _("Chưa xác nhận điều kiện: %(text)s") % {"text": rule.text}
    else:
        text = _("Chưa đạt điều kiện: %(text)s") % {"text": rule.text}
    return [Reason("condition", code=code, text=text, condition=rule.condition)]


def _required(standard: Standard) -> list[str]:
    family, level = LEVELS[standard.code]
    lower = [c for c, (f, lv) in LEVELS.items() if f == family and lv == level - 1]
    return [*lower, *(c for c in standard.requires if c not in lower)]


def evaluate(
    figures: dict[str, Figure],
    *,
    hardship: bool,
    conditions: dict[str, bool],
    standards: dict[str, Standard],
    school_year: int,
) -> dict[str, Outcome]:
    """Each standard's outcome from the figures (pure: the rules come prefetched)."""
    outcomes: dict[str, Outcome] = {}
    for code in EVALUATION_ORDER:
        standard = standards.get(code)
        if standard is None:
            text = _("Chưa có bộ tiêu chí áp dụng cho năm học %(year)s.") % {
                "year": school_year_label(school_year)
            }
            outcomes[code] = Outcome(code, False, (Reason("no_standard", code=code, text=text),))
            continue
        reasons: list[Reason] = []
        for required in _required(standard):
            if not (required in outcomes and outcomes[required].reached):
                text = _("Cần đạt %(standard)s trước.") % {
                    "standard": _lower_first(str(StandardCode(required).label))
                }
                reasons.append(Reason("requires", code=code, text=text, requires=required))
        for rule in standard.rules.all():
            if rule.kind == StandardRule.Kind.RATE:
                reasons += _rate_reasons(rule, code, figures, hardship)
            else:
                reasons += _condition_reasons(rule, code, conditions)
        reached = not any(reason.blocking for reason in reasons)
        outcomes[code] = Outcome(code, reached, tuple(reasons))
    return outcomes


def compute(communes: Sequence[Place], school_year: int) -> dict[int, CommuneResult]:
    """The figures and outcomes of ``communes`` from the person data (a handful of queries)."""
    if not communes:
        return {}
    return evaluate_communes(communes, school_year, figures_of_communes(communes, school_year))


def evaluate_communes(
    communes: Sequence[Place], school_year: int, figures: dict[int, dict[str, Figure]]
) -> dict[int, CommuneResult]:
    """The outcomes of ``communes`` from their figures (computed, or kept): the ĐBKK status,
    conditions and rule sets read in four queries whatever the number of communes."""
    ids = [c.pk for c in communes]
    hardship = set(
        HardshipCommune.objects.filter(commune_id__in=ids, school_year=school_year).values_list(
            "commune_id", flat=True
        )
    )
    conditions: dict[int, dict[str, bool]] = {pk: {} for pk in ids}
    checks = ConditionCheck.objects.filter(commune_id__in=ids, school_year=school_year)
    for commune_id, condition, met in checks.values_list("commune_id", "condition", "met"):
        conditions[commune_id][condition] = met
    standards = standards_for({c.root_id for c in communes}, school_year)
    results: dict[int, CommuneResult] = {}
    for commune in communes:
        result = CommuneResult(commune.pk, school_year, commune.pk in hardship, figures[commune.pk])
        result.outcomes = evaluate(
            result.figures,
            hardship=result.hardship,
            conditions=conditions[commune.pk],
            standards=standards[commune.root_id],
            school_year=school_year,
        )
        results[commune.pk] = result
    return results


def cohort_people(
    commune: Place, school_year: int, cohort: str, *, missing: bool = True
) -> QuerySet[Person]:
    """The people of a cohort (those not yet in its numerator when ``missing``), with
    ``schooling`` (their row of the year, or None) to show: who to visit, who to invite."""
    spec = COHORTS[cohort]
    condition = measure_conditions(school_year)[spec.measure]
    people = (
        counted_people(school_year, spec.ages)
        .filter(place__path__startswith=commune.path)
        .annotate(
            meets=Case(
                When(condition, then=Value(1)), default=Value(0), output_field=IntegerField()
            )
        )
    )
    if spec.exempts:
        people = people.annotate(
            exempt=Case(When(EXEMPT, then=Value(1)), default=Value(0), output_field=IntegerField())
        ).filter(exempt=0)
    return people.filter(meets=0 if missing else 1)


@dataclass(frozen=True)
class ProvinceOutcome:
    code: str
    communes: int
    reached_communes: int
    share: Decimal | None  # the province's rule (entered), None until then
    reached: bool | None  # None: not computable without the province's rule
    text: str


def province_outcome(province: Place, school_year: int) -> dict[str, ProvinceOutcome]:
    """Each standard at the province: its current communes reaching it (kept results) against
    the share the province entered (``ProvinceRule``). Three queries."""
    communes = Place.objects.current().filter(level=Level.COMMUNE, path__startswith=province.path)
    total = communes.count()
    reached: dict[str, int] = dict.fromkeys(StandardCode.values, 0)
    rows = StandardResult.objects.filter(
        commune__in=communes, school_year=school_year, reached=True
    ).values_list("code", flat=True)
    for code in rows:
        reached[code] += 1
    shares = dict(ProvinceRule.objects.filter(province=province).values_list("code", "share"))
    outcomes: dict[str, ProvinceOutcome] = {}
    for code in StandardCode.values:
        share, count = shares.get(code), reached[code]
        name = _lower_first(str(StandardCode(code).label))
        if share is None:
            text = _(
                "Tỉnh chưa nhập tỷ lệ xã đạt chuẩn cần có để tỉnh đạt %(standard)s: chưa tính "
                "được mức của tỉnh."
            ) % {"standard": name}
            outcomes[code] = ProvinceOutcome(code, total, count, None, None, text)
            continue
        missing = needed(share, total) - count if total else 0
        ok = total > 0 and missing <= 0
        if ok:
            text = _("Tỉnh đạt %(standard)s: %(n)s/%(d)s xã đạt chuẩn.") % {
                "standard": name,
                "n": count,
                "d": total,
            }
        else:
            text = _("Thiếu %(n)s xã đạt chuẩn để tỉnh đạt %(standard)s.") % {
                "n": max(missing, 0),
                "standard": name,
            }
        outcomes[code] = ProvinceOutcome(code, total, count, share, ok, text)
    return outcomes
