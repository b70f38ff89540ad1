"""Figures as each language writes them, and the literacy rate from the kept PCGD–XMC cohorts:
Σ numerators over Σ denominators of the communes, the latest school year not after the year."""

from __future__ import annotations

import pytest

from xhht.learning_city.figures import Figure, literacy
from xhht.pcgd.models import Cohort, CohortFigure
from xhht.testing.world import World


def test_counts_and_rates_are_written_as_each_language_writes_them() -> None:
    assert Figure("classes", 12345).formatted("vi") == "12.345"
    assert Figure("classes", 12345).formatted("en") == "12,345"
    rate = Figure("literacy_15_60", 955, 1000)
    assert rate.formatted("vi") == "95,5 % (955/1.000)"
    assert rate.formatted("en") == "95.5% (955/1,000)"
    assert Figure("literacy_15_60", None, 0).formatted("en") == "—"
    assert Figure("classes", None).formatted("vi") == "—"


@pytest.mark.django_db
def test_literacy_sums_the_communes_of_the_latest_school_year(world: World) -> None:
    cohort = Cohort.LITERATE2_15_60
    CohortFigure.objects.create(
        commune=world.commune, school_year=2024, cohort=cohort, numerator=1, denominator=9
    )
    CohortFigure.objects.create(
        commune=world.commune, school_year=2025, cohort=cohort, numerator=90, denominator=100
    )
    CohortFigure.objects.create(
        commune=world.other_commune, school_year=2025, cohort=cohort, numerator=45, denominator=50
    )
    CohortFigure.objects.create(commune=world.far_commune, school_year=2025, cohort=cohort, numerator=0, denominator=70)  # fmt: skip
    assert literacy(world.province, 2025) == Figure("literacy_15_60", 135, 150)
    assert literacy(world.province, 2024) == Figure("literacy_15_60", 1, 9)
    assert literacy(world.province, 2023).formatted("en") == "—"
    assert literacy(world.commune, 2026).percent() == 90
