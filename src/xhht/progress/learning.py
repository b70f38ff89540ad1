"""The dashboard's panel of learning centres and skills: the indicators the centres app counts
(``centres.counters``), as they stand now at a place, whether or not a plan sets a target on
them. Two queries whatever the place."""

from __future__ import annotations

from dataclasses import dataclass

from xhht.centres.counters import CODES
from xhht.indicators.models import LIVE_YEAR, Indicator, Source
from xhht.indicators.rollups import Figure, figure, kept_rows
from xhht.places.models import Place


@dataclass(frozen=True)
class LearningFigure:
    indicator: Indicator
    actual: Figure


def learning_figures(place: Place) -> list[LearningFigure]:
    """The live figure of each computed learning indicator at ``place`` (those with something
    to count: no districts, no pilot-centre figure)."""
    indicators = Indicator.objects.filter(code__in=CODES, source=Source.REGISTRY)
    rows = kept_rows(CODES, [place.pk], [])
    figures = [LearningFigure(i, figure(rows, i, place.pk, LIVE_YEAR)) for i in indicators]
    return [f for f in figures if f.actual.denominator]
