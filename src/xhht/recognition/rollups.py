"""Keeping the indicators' counts in step with recognitions (ARCHITECTURE principle 4)."""

from __future__ import annotations

from xhht.indicators.rollups import TITLE_INDICATOR, adjust
from xhht.recognition.models import Assessment


def count_recognition(assessment: Assessment, delta: int) -> None:
    """+1 when recognised, −1 when revoked; call inside the step's transaction."""
    adjust(
        indicator=TITLE_INDICATOR[assessment.title],
        place=assessment.place,
        year=assessment.year,
        numerator=delta,
    )
