"""The figures on the home page: a place's learning titles against its plans' targets, and for a
national administrator the 34 provinces. Read from the kept counts (``indicators.rollups``) in a
fixed number of queries, whatever the number of places.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from xhht.core.text import group_thousands
from xhht.criteria.models import Title
from xhht.indicators.models import Indicator
from xhht.indicators.rollups import TITLE_INDICATOR, figure, kept_rows
from xhht.places.models import Level, Place
from xhht.plans.models import Target

#: The titles the home page counts, in the order people name them.
TITLES = [Title.FAMILY, Title.CLAN, Title.COMMUNITY, Title.UNIT, Title.CITIZEN]
#: At most this many plan targets on the national overview.
TARGETS_SHOWN = 200


def percent_text(value: float | Decimal | None) -> str:
    """ "12,5%" (a Vietnamese decimal comma), "—" when there is nothing to divide."""
    if value is None:
        return "—"
    if 0 < float(value) < 0.1:
        return "<0,1%"
    text = f"{float(value):.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def target_text(target: Target) -> str:
    if target.value is None:
        return str(target.get_kind_display())
    value = target.value.normalize()
    number = f"{value:f}".replace(".", ",")
    if target.kind == Target.Kind.PERCENT:
        return f"{number}%"
    if value == value.to_integral_value():
        return group_thousands(int(value))
    return number


@dataclass
class Cell:
    numerator: int
    denominator: int
    rate: str
    target: str = ""
    label: str = ""

    @property
    def count_text(self) -> str:
        return f"{group_thousands(self.numerator)}/{group_thousands(self.denominator)}"


@dataclass
class PlaceRow:
    place: Place | None
    name: str
    cells: list[Cell] = field(default_factory=list)


@dataclass
class TargetRow:
    plan_label: str
    place_name: str
    indicator_name: str
    year: int
    target: str
    actual: str


def _indicators() -> dict[str, Indicator]:
    codes = [TITLE_INDICATOR[t] for t in TITLES]
    return Indicator.objects.in_bulk(codes, field_name="code")


def _nearest_targets(places: Iterable[Place], year: int) -> dict[tuple[int, str], Target]:
    """The target each place's plans set for each title indicator: the first milestone from
    ``year`` on, else the latest one (one query)."""
    codes = [TITLE_INDICATOR[t] for t in TITLES]
    ids = [p.pk for p in places]
    chosen: dict[tuple[int, str], Target] = {}
    targets = Target.objects.filter(plan__place_id__in=ids, indicator__code__in=codes)
    for target in targets.select_related("plan", "indicator").order_by("year", "pk"):
        key = (target.plan.place_id, target.indicator.code)
        current = chosen.get(key)
        if current is None or current.year < year:  # years ascend: the first from now on wins
            chosen[key] = target
    return chosen


def _row(
    place: Place | None,
    name: str,
    rows: dict[tuple[str, int | None, int], object],
    indicators: dict[str, Indicator],
    year: int,
    targets: dict[tuple[int, str], Target],
) -> PlaceRow:
    row = PlaceRow(place, name)
    place_id = place.pk if place is not None else None
    for title in TITLES:
        code = TITLE_INDICATOR[title]
        indicator = indicators.get(code)
        label = str(Title(title).label)
        if indicator is None:
            row.cells.append(Cell(0, 0, "—", label=label))
            continue
        value = figure(rows, indicator, place_id, year)  # type: ignore[arg-type]  # the kept rows keyed as kept_rows returns them
        target = targets.get((place_id, code)) if place_id is not None else None
        row.cells.append(
            Cell(
                value.numerator or 0,
                value.denominator or 0,
                percent_text(value.rate),
                target_text(target) if target is not None else "",
                label,
            )
        )
    return row


def titles_header() -> list[str]:
    return [str(Title(t).label) for t in TITLES]


def place_figures(place: Place, year: int) -> PlaceRow:
    """The five titles at ``place`` this year, with its own plans' targets (4 queries)."""
    indicators = _indicators()
    rows = kept_rows(indicators.keys(), [place.pk], [year])
    targets = _nearest_targets([place], year)
    return _row(place, place.name, rows, indicators, year, targets)  # type: ignore[arg-type]  # RollupCount rows


@dataclass
class NationalOverview:
    year: int
    total: PlaceRow
    provinces: list[PlaceRow]
    targets: list[TargetRow]


def national_overview(year: int) -> NationalOverview:
    """Every current province and the nation: each title's rate this year and each province
    plan's target for it (a handful of queries for all 34)."""
    provinces = list(Place.objects.current().filter(level=Level.PROVINCE).order_by("code"))
    indicators = _indicators()
    rows = kept_rows(indicators.keys(), [None, *(p.pk for p in provinces)], [year])
    targets = _nearest_targets(provinces, year)
    total = _row(None, _("Toàn quốc"), rows, indicators, year, {})  # type: ignore[arg-type]  # RollupCount rows
    by_province = [
        _row(p, p.name, rows, indicators, year, targets)  # type: ignore[arg-type]  # RollupCount rows
        for p in provinces
    ]
    plan_targets = (
        Target.objects.filter(
            plan__place__level=Level.PROVINCE,
            indicator__code__in=[TITLE_INDICATOR[t] for t in TITLES],
        )
        .select_related("plan__place", "indicator")
        .order_by("plan__place__code", "indicator__order", "year")[:TARGETS_SHOWN]
    )
    cells = {(r.place.pk, i): c for r in by_province if r.place for i, c in enumerate(r.cells)}
    order = {TITLE_INDICATOR[t]: i for i, t in enumerate(TITLES)}
    target_rows = []
    for target in plan_targets:
        cell = cells.get((target.plan.place_id, order[target.indicator.code]))
        target_rows.append(
            TargetRow(
                plan_label=target.plan.number or target.plan.title[:80],
                place_name=target.plan.place.name,
                indicator_name=target.indicator.name,
                year=target.year,
                target=target_text(target),
                actual=cell.rate if cell else "—",
            )
        )
    return NationalOverview(year, total, by_province, target_rows)
