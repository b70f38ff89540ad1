"""Keeping the indicators' counts in step with recognitions (ARCHITECTURE principle 4)."""

from __future__ import annotations

from xhht.criteria.models import Title
from xhht.indicators.rollups import adjust
from xhht.recognition.models import Assessment

#: The indicator each title counts towards.
INDICATOR = {
    Title.FAMILY: "family",
    Title.CLAN: "clan",
    Title.COMMUNITY: "community",
    Title.UNIT: "unit",
    Title.COMMUNE: "commune_ranked",
    Title.CITIZEN: "citizen_adults",
}


def count_recognition(assessment: Assessment, delta: int) -> None:
    """+1 when recognised, −1 when revoked; call inside the step's transaction."""
    adjust(
        indicator=INDICATOR[Title(assessment.title)],
        place=assessment.place,
        year=assessment.year,
        numerator=delta,
    )
