"""Progress of a plan at a place: target against actual, gap, trend, on or off track.

Reads the kept counts only, in a fixed number of queries whatever the number of places below:
the plan's targets, the kept rows of the place and of its children (one query each), and the
percent-only entered values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from xhht.indicators.models import EnteredValue, Indicator
from xhht.indicators.rollups import Figure, figure, kept_rows
from xhht.places.models import Place
from xhht.plans.models import Plan, Target

MAX_TREND_YEARS = 10


def vi_number(value: float | Decimal | None, digits: int = 2) -> str:
    """1234.5 → "1.234,5"; 55.55 → "55,55"; None → "—" (decimal comma, dot for thousands)."""
    if value is None:
        return "—"
    text = f"{float(value):,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def vi_percent(value: float | Decimal | None) -> str:
    return "—" if value is None else f"{vi_number(value)}%"


@dataclass
class ProgressRow:
    target: Target
    indicator: Indicator
    actual: Figure
    trend: list[tuple[int, float | None]] = field(default_factory=list)
    status: str = ""
    on_track: bool | None = None

    @property
    def gap(self) -> float | None:
        """Percentage points (or units) still to go; 0 when reached."""
        value = self.target.value
        if value is None or self.actual.rate is None:
            return None
        return max(0.0, float(value) - self.actual.rate)

    @property
    def gap_unit(self) -> str:
        """What the gap counts: percentage points for a rate, else the indicator's unit."""
        if self.target.kind == Target.Kind.COUNT:
            return self.indicator.unit
        return _("điểm %")

    def as_json(self) -> dict[str, object]:
        return {
            "indicator": self.indicator.code,
            "name": self.indicator.name,
            "year": self.target.year,
            "kind": self.target.kind,
            "target": None if self.target.value is None else float(self.target.value),
            "numerator": self.actual.numerator,
            "denominator": self.actual.denominator,
            "actual": self.actual.rate,
            "gap": self.gap,
            "gap_unit": self.gap_unit,
            "status": self.status,
            "on_track": self.on_track,
            "trend": [{"year": y, "actual": r} for y, r in self.trend],
        }


def plans_for(place: Place) -> list[Plan]:
    """The plans that apply at ``place``: its own and those of the places above it, and those of
    retired units these continue (Bến Cát's plan at its wards, not over the whole province)."""
    ids = place.path_ids()
    continued = Q(place__successions__successor_id__in=ids)
    plans = Plan.objects.filter(Q(place_id__in=ids) | continued).distinct()
    return list(plans.select_related("place"))


def targets_for_year(plan: Plan, year: int) -> list[Target]:
    """Per indicator, the target of ``year`` or else the next horizon after it (else the last)."""
    by_indicator: dict[int, list[Target]] = {}
    for target in plan.targets.select_related("indicator").order_by("order", "year"):
        by_indicator.setdefault(target.indicator_id, []).append(target)
    chosen = []
    for targets in by_indicator.values():
        later = [t for t in targets if t.year >= year]
        chosen.append(min(later, key=lambda t: t.year) if later else targets[-1])
    return sorted(chosen, key=lambda t: t.order)


def _status(row: ProgressRow, year: int) -> tuple[str, bool | None]:
    target, rate = row.target, row.actual.rate
    if rate is None:
        return _("Chưa có số liệu"), None
    if target.kind == Target.Kind.MAINTAIN:
        earlier = [r for y, r in row.trend if y < year and r is not None]
        kept = not earlier or rate >= earlier[-1]
        return (_("Duy trì") if kept else _("Giảm so với năm trước")), kept
    if target.kind == Target.Kind.YES_NO:
        reached = rate >= 100
        return (_("Đạt") if reached else _("Chưa đạt")), reached
    if target.value is None:
        return "", None
    if rate >= float(target.value):
        return _("Đạt"), True
    known = [(y, r) for y, r in row.trend if r is not None and y <= year]
    if target.year > year and len(known) >= 2:
        (y0, r0), (y1, r1) = known[-2], known[-1]
        projected = r1 + (r1 - r0) / (y1 - y0) * (target.year - y1)
        if projected >= float(target.value):
            return _("Đúng tiến độ"), True
    return _("Chậm tiến độ"), False


def trend_years(plan: Plan, year: int) -> list[int]:
    """The years the plan covers (and the year shown, if outside it): at most ten, those
    around the year shown, so a 2021–2030 plan shows 2021 to 2030 whatever the year."""
    years = sorted({*range(plan.period_start, plan.period_end + 1), year})
    end = max(years.index(year) + 1, min(len(years), MAX_TREND_YEARS))
    return years[max(0, end - MAX_TREND_YEARS) : end]


def plan_progress(plan: Plan, place: Place, year: int) -> list[ProgressRow]:
    targets = targets_for_year(plan, year)
    years = trend_years(plan, year)
    codes = [t.indicator.code for t in targets]
    rows = kept_rows(codes, [place.pk], {*years, *(t.year for t in targets)})
    entered = {
        (v.indicator_id, v.year): v
        for v in EnteredValue.objects.filter(
            place=place, indicator__in=[t.indicator for t in targets], percent__isnull=False
        )
    }
    result = []
    for target in targets:
        indicator = target.indicator

        def actual(at: int) -> Figure:
            own = entered.get((indicator.pk, at))  # noqa: B023 - used inside the loop only
            if own is not None and own.percent is not None:
                return Figure(None, None, float(own.percent))
            return figure(rows, indicator, place.pk, at)  # noqa: B023

        row = ProgressRow(target, indicator, actual(year))
        row.trend = [(y, actual(y).rate) for y in years]
        row.status, row.on_track = _status(row, year)
        result.append(row)
    return result


@dataclass
class ChildFigure:
    place: Place
    actual: Figure


def children_figures(place: Place, indicator: Indicator, year: int) -> list[ChildFigure]:
    """The actual value of ``indicator`` at each current child of ``place``: two queries."""
    children = list(Place.objects.current().filter(parent=place).by_name())
    rows = kept_rows([indicator.code], [c.pk for c in children], [year])
    return [ChildFigure(c, figure(rows, indicator, c.pk, year)) for c in children]


def heat_class(rate: float | None, target: Decimal | None) -> str:
    """A CSS class for the heat table: how far a place is from the target."""
    if rate is None:
        return "heat-none"
    goal = float(target) if target is not None else 100.0
    if rate >= goal:
        return "heat-4"
    share = rate / goal if goal else 0
    return "heat-3" if share >= 0.8 else "heat-2" if share >= 0.5 else "heat-1"
