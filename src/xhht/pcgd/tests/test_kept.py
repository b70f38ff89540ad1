"""The kept results follow every change in the saving transaction, feed the catalogue's
indicators (unless a value was entered by hand) and equal a rebuild."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from xhht.core.workflow import StepRefused
from xhht.indicators.actions import record_value
from xhht.indicators.models import Indicator, RollupCount, Source
from xhht.indicators.rebuild import rebuild as rebuild_rollups
from xhht.pcgd import engine, kept
from xhht.pcgd.engine import province_outcome
from xhht.pcgd.models import (
    CohortFigure,
    LiteracyRecord,
    SchoolingRecord,
    Standard,
    StandardResult,
)
from xhht.pcgd.rules_actions import fill_thresholds, set_province_rule
from xhht.pcgd.tests.engine_factories import YEAR, enrolled, people, person
from xhht.registry.signals import bulk_written
from xhht.testing.world import World

L = SchoolingRecord.Level
pytestmark = pytest.mark.django_db


def state() -> dict[str, Any]:
    """Everything kept: figures, results and the indicators' counts of the fed codes."""
    return {
        "figures": {
            (f.commune_id, f.school_year, f.cohort): (f.numerator, f.denominator, f.fed)
            for f in CohortFigure.objects.all()
        },
        "results": {
            (r.commune_id, r.school_year, r.code): (r.reached, r.reasons, r.fed)
            for r in StandardResult.objects.all()
        },
        "counts": {
            (r.indicator, r.place_id, r.year): (r.numerator, r.denominator)
            for r in RollupCount.objects.filter(indicator__in=kept.FED_CODES)
            if r.numerator or r.denominator
        },
    }


def rebuilt() -> dict[str, Any]:
    kept.rebuild()
    rebuild_rollups()
    return state()


def count(indicator: str, place_id: int | None, year: int = YEAR) -> tuple[int, int]:
    rows = RollupCount.objects.filter(indicator=indicator, year=year)
    row = (
        rows.filter(place__isnull=True) if place_id is None else rows.filter(place_id=place_id)
    ).first()
    return (row.numerator, row.denominator) if row else (0, 0)


def one_short(world: World) -> None:
    """Nine 16-year-olds, eight with a THCS diploma: one short of mức 2 at 90%."""
    with kept.batch():
        people(world.hamlet, 16, 8, lower_secondary_diploma_year=2025)
        enrolled(person(world.hamlet, 16), L.LOWER_SECONDARY, 9)


def test_the_catalogue_indicators_are_computed_from_the_kept_results() -> None:
    codes = {"xmc_level2", "pcgd_mn", "pcgd_th_level3", "pcgd_thcs_level2", "pcgd_thcs_level3"}
    indicators = Indicator.objects.filter(code__in=codes | {"literate_15_60"}, province=None)
    assert {i.source for i in indicators} == {Source.INSTITUTIONS}
    assert indicators.count() == 6
    assert all("dữ liệu phổ cập" in i.description for i in indicators)


def test_a_commune_is_kept_once_it_has_schooling_rows_of_the_year(world: World) -> None:
    adult = person(world.hamlet, 30)
    LiteracyRecord.objects.create(person=adult, level=2)
    assert not CohortFigure.objects.exists()  # no survey yet: nothing kept, nothing fed
    one_short(world)
    result = kept.read(world.commune, YEAR)
    assert result is not None and result.has_data
    assert result.figures["literate2_15_60"] == engine.Figure(10, 10)
    assert result.figures == engine.compute([world.commune], YEAR)[world.commune.pk].figures
    assert count("literate_15_60", world.province.pk) == (10, 10)
    assert count("pcgd_thcs_level2", world.commune.pk) == (0, 1)
    assert count("pcgd_thcs_level2", None) == (0, 1)  # the national row
    SchoolingRecord.objects.all().delete()
    assert kept.read(world.commune, YEAR) is None
    assert count("pcgd_thcs_level2", world.province.pk) == (0, 0)
    assert count("literate_15_60", world.province.pk) == (0, 0)


def test_the_province_enters_a_missing_threshold_and_the_commune_reaches_the_level(
    world: World,
) -> None:
    one_short(world)
    before = kept.read(world.commune, YEAR)
    assert before is not None
    assert [r.kind for r in before.outcomes["pcgd_thcs_2"].reasons] == ["unconfirmed"]
    fill_thresholds(
        user=world.coordinator,
        province=world.province,
        code="pcgd_thcs_2",
        thresholds={"thcs_diploma_15_18": (Decimal(90), None)},
        source="Quyết định 12/QĐ-UBND",
    )
    short = kept.read(world.commune, YEAR)
    assert short is not None
    assert [r.text for r in short.outcomes["pcgd_thcs_2"].reasons] == [
        "Thiếu 1 em 15–18 tuổi tốt nghiệp THCS để đạt mức độ 2."
    ]
    row = SchoolingRecord.objects.get(lower_secondary_diploma_year__isnull=True)
    row.lower_secondary_diploma_year = YEAR + 1
    row.save()
    reached = kept.read(world.commune, YEAR)
    assert reached is not None and reached.levels["pcgd_thcs"] == 2
    assert count("pcgd_thcs_level2", world.commune.pk) == (1, 1)
    assert count("pcgd_thcs_level2", world.province.pk) == (1, 1)
    assert state() == rebuilt()


def test_a_confirmed_threshold_is_never_changed_by_a_province(world: World) -> None:
    with pytest.raises(StepRefused, match="đã được xác nhận"):
        fill_thresholds(
            user=world.coordinator,
            province=world.province,
            code="pcgd_thcs_1",
            thresholds={"thcs_diploma_15_18": (Decimal(60), None)},
            source="QĐ",
        )
    assert not Standard.objects.filter(province=world.province).exists()
    with pytest.raises(StepRefused):
        fill_thresholds(
            user=world.coordinator,
            province=world.province,
            code="pcgd_thcs_2",
            thresholds={"thcs_diploma_15_18": (Decimal(90), None)},
            source=" ",
        )


def test_only_the_province_coordinator_enters_thresholds(world: World) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        fill_thresholds(
            user=world.commune_officer,
            province=world.province,
            code="pcgd_thcs_2",
            thresholds={"thcs_diploma_15_18": (Decimal(90), None)},
            source="QĐ",
        )


def test_a_value_entered_by_hand_counts_instead_of_the_computed_one(world: World) -> None:
    one_short(world)
    assert count("literate_15_60", world.commune.pk) == (9, 9)
    indicator = Indicator.objects.get(code="literate_15_60")
    record_value(
        user=world.coordinator,
        indicator=indicator,
        place=world.province,
        year=YEAR,
        numerator=70,
        denominator=100,
    )
    assert count("literate_15_60", world.commune.pk) == (0, 0)
    assert count("literate_15_60", world.province.pk) == (70, 100)
    assert not CohortFigure.objects.get(cohort="literate2_15_60").fed
    assert state() == rebuilt()


def test_the_province_level_waits_for_its_rule_then_counts_its_communes(world: World) -> None:
    one_short(world)
    outcome = province_outcome(world.province, YEAR)["pcgd_thcs_1"]
    assert outcome.reached is None
    assert "Tỉnh chưa nhập" in outcome.text
    set_province_rule(
        user=world.coordinator,
        province=world.province,
        code="pcgd_thcs_1",
        share=Decimal(100),
        basis="QĐ",
    )
    outcome = province_outcome(world.province, YEAR)["pcgd_thcs_1"]
    assert (outcome.communes, outcome.reached_communes, outcome.reached) == (2, 1, False)
    assert (
        outcome.text
        == "Thiếu 1 xã đạt chuẩn để tỉnh đạt phổ cập giáo dục trung học cơ sở mức độ 1."
    )
    set_province_rule(
        user=world.coordinator,
        province=world.province,
        code="pcgd_thcs_1",
        share=Decimal(50),
        basis="QĐ",
    )
    assert province_outcome(world.province, YEAR)["pcgd_thcs_1"].reached is True


def test_saves_add_their_difference_and_a_batch_recomputes_each_commune_once(
    world: World,
) -> None:
    one_short(world)

    def scans(queries: CaptureQueriesContext) -> int:
        """Reads of all the commune's people (a path prefix), not of the people saved."""
        return sum(
            'FROM "registry_person"' in q["sql"] and "GROUP BY" in q["sql"] and "LIKE" in q["sql"]
            for q in queries
        )

    with CaptureQueriesContext(connection) as batched, kept.batch():
        people(world.hamlet, 17, 20, lower_secondary_diploma_year=2024)
    assert scans(batched) == 1
    with CaptureQueriesContext(connection) as one_by_one:
        people(world.hamlet, 17, 3, lower_secondary_diploma_year=2024)
    assert scans(one_by_one) == 0  # each save: its person's difference only
    assert state() == rebuilt()


def test_moves_deaths_and_deletions_keep_the_figures_equal_to_a_rebuild(world: World) -> None:
    one_short(world)
    mover = person(world.hamlet, 16)
    enrolled(mover, L.LOWER_SECONDARY, 9)
    mover.place = world.other_hamlet
    mover.save()
    assert kept.read(world.other_commune, YEAR) is not None  # its row moved with it
    from xhht.pcgd.models import Departure

    Departure.objects.create(person=mover, kind="deceased", left_on="2027-01-05")
    SchoolingRecord.objects.filter(person__place=world.hamlet).first().delete()  # type: ignore[union-attr]  # one exists
    Person = type(mover)
    Person.objects.filter(place=world.hamlet).first().delete()  # type: ignore[union-attr]  # one exists
    assert state() == rebuilt()


def test_the_rebuild_command_recomputes_the_kept_results(world: World) -> None:
    one_short(world)
    before = state()
    CohortFigure.objects.all().delete()
    StandardResult.objects.all().delete()
    call_command("rebuild_pcgd", verbosity=0)
    assert state() == before


def test_a_bulk_write_of_the_province_is_recomputed_when_announced(world: World) -> None:
    one_short(world)
    young = [person(world.other_hamlet, 16) for _ in range(3)]
    SchoolingRecord.objects.bulk_create(
        SchoolingRecord(person=p, school_year=YEAR, status="not_in_school") for p in young
    )
    assert kept.read(world.other_commune, YEAR) is None  # bulk_create sends no signal
    bulk_written.send(sender=None, province=world.province)
    other = kept.read(world.other_commune, YEAR)
    assert other is not None
    assert other.figures["thcs_diploma_15_18"] == engine.Figure(0, 3)
    assert state() == rebuilt()
