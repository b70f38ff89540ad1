"""Figures the system already holds, offered as the starting values of a report's tables.

A row bound to an indicator takes the indicator's kept count (``indicators.RollupCount``
numerator) for the reporting place and the period's year, falling back to the live registry
count. Bodies have no place data of their own, so their tables start empty.
"""

from __future__ import annotations

from decimal import Decimal

from xhht.indicators.models import LIVE_YEAR, RollupCount
from xhht.reporting.models import Submission, TableRow


def system_value(row: TableRow, submission: Submission) -> Decimal | None:
    if row.indicator is None or submission.reporter_place_id is None:
        return None
    counts = dict(
        RollupCount.objects.filter(
            indicator=row.indicator.code,
            place_id=submission.reporter_place_id,
            year__in=[submission.period.year, LIVE_YEAR],
        ).values_list("year", "numerator")
    )
    value = counts.get(submission.period.year, counts.get(LIVE_YEAR))
    return None if value is None else Decimal(value)
