"""Which rule set applies: a province's own version over the national one, the highest version
whose school year has come; a province fills only the thresholds left empty."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xhht.audit.models import AuditEntry
from xhht.pcgd.models import Standard
from xhht.pcgd.rules import standards_for
from xhht.pcgd.rules_actions import fill_thresholds
from xhht.testing.world import World

pytestmark = pytest.mark.django_db


def test_a_province_version_applies_to_its_communes_only(world: World) -> None:
    standard = fill_thresholds(
        user=world.coordinator,
        province=world.province,
        code="pcgd_thcs_2",
        thresholds={"thcs_diploma_15_18": (Decimal(90), Decimal(85))},
        source="Quyết định 12/QĐ-UBND",
    )
    other = world.far_commune.root_id
    chosen = standards_for([world.province.pk, other], 2026)
    assert chosen[world.province.pk]["pcgd_thcs_2"] == standard
    assert chosen[other]["pcgd_thcs_2"].province_id is None
    assert chosen[None]["pcgd_thcs_2"].province_id is None
    rule = standard.rules.get(cohort="thcs_diploma_15_18")
    assert (rule.threshold, rule.hardship_threshold, rule.confirmed) == (
        Decimal(90),
        Decimal(85),
        False,
    )
    assert rule.source.startswith("Tỉnh nhập: Quyết định 12/QĐ-UBND")
    assert "tỉnh nhập: Quyết định 12/QĐ-UBND" in standard.source
    step = AuditEntry.objects.get(step="pcgd_fill_thresholds")
    assert step.place_id == world.province.pk


def test_a_second_entry_makes_a_new_version_and_keeps_the_first(world: World) -> None:
    for value in (80, 90):
        fill_thresholds(
            user=world.coordinator,
            province=world.province,
            code="pcgd_thcs_2",
            thresholds={"thcs_diploma_15_18": (Decimal(value), None)},
            source=f"QĐ số {value}",
        )
    versions = Standard.objects.filter(code="pcgd_thcs_2", province=world.province)
    assert sorted(versions.values_list("version", flat=True)) == [1, 2]
    current = standards_for([world.province.pk], 2026)[world.province.pk]["pcgd_thcs_2"]
    assert current.version == 2
    assert current.rules.get().threshold == Decimal(90)


def test_a_version_applies_from_its_school_year(world: World) -> None:
    national = Standard.objects.get(code="xmc_2", province__isnull=True)
    later = Standard.objects.create(code="xmc_2", version=2, source="NĐ mới", since_year=2030)
    assert standards_for([None], 2026)[None]["xmc_2"] == national
    assert standards_for([None], 2030)[None]["xmc_2"] == later
