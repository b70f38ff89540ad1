"""The national rule sets seeded by migration 0002: only confirmed thresholds, each with a source;
the ones not found are empty and marked for the province."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xhht.pcgd.models import Standard, StandardCode, StandardRule

pytestmark = pytest.mark.django_db


def _rules(code: str) -> dict[str, StandardRule]:
    standard = Standard.objects.get(code=code, province__isnull=True, version=1)
    return {r.cohort or r.condition: r for r in standard.rules.all()}


def test_every_standard_has_a_national_version_with_a_source() -> None:
    national = Standard.objects.filter(province__isnull=True)
    assert set(national.values_list("code", flat=True)) == set(StandardCode.values)
    assert all(s.source for s in national)
    assert all(r.source for r in StandardRule.objects.all())


def test_confirmed_thresholds_are_those_of_the_decree() -> None:
    thcs3 = _rules("pcgd_thcs_3")
    assert thcs3["thcs_diploma_15_18"].threshold == Decimal(95)
    assert thcs3["thcs_diploma_15_18"].hardship_threshold == Decimal(90)
    assert thcs3["thcs_studying_15_18"].threshold == Decimal(80)
    xmc2 = _rules("xmc_2")["literate2_15_60"]
    assert (xmc2.threshold, xmc2.hardship_cohort, xmc2.confirmed) == (
        Decimal(90),
        "literate2_15_35",
        True,
    )
    assert _rules("pcgd_mn")["mn5_attending"].threshold == Decimal(95)
    assert _rules("pcgd_thcs_1")["thcs_diploma_15_18"].hardship_threshold == Decimal(70)


def test_thresholds_not_found_are_empty_and_left_for_the_province() -> None:
    for code, cohort in [
        ("pcgd_thcs_2", "thcs_diploma_15_18"),
        ("pcgd_th_3", "th_grade1_6"),
        ("pcgd_th_3", "th_completed_11"),
    ]:
        rule = _rules(code)[cohort]
        assert rule.threshold is None
        assert not rule.confirmed
        assert "do tỉnh nhập" in rule.source


def test_requirements_across_families() -> None:
    standard = Standard.objects.get(code="pcgd_thcs_1", province__isnull=True)
    assert sorted(standard.requires) == ["pcgd_th_1", "xmc_1"]
