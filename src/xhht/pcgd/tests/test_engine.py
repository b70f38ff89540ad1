"""The engine, standard by standard, on hand-built people: exact figures, levels and the
sentences that say what is missing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from xhht.pcgd import engine
from xhht.pcgd.engine import needed
from xhht.pcgd.models import (
    ConditionCheck,
    Departure,
    HardshipCommune,
    SchoolingRecord,
    Standard,
    StandardRule,
)
from xhht.pcgd.tests.engine_factories import (
    YEAR,
    enrolled,
    literate,
    people,
    person,
    schooling,
)
from xhht.testing.world import World

L = SchoolingRecord.Level
S = SchoolingRecord.Status
pytestmark = pytest.mark.django_db


def result(world: World) -> engine.CommuneResult:
    return engine.compute([world.commune], YEAR)[world.commune.pk]


def texts(outcome: engine.Outcome) -> list[str]:
    return [reason.text for reason in outcome.reasons if reason.blocking]


def province_threshold(world: World, code: str, cohort: str, value: int) -> None:
    """What a province's version of a standard would hold (``rules_actions`` has its own tests)."""
    national = Standard.objects.get(code=code, province__isnull=True)
    own = Standard.objects.create(code=code, province=world.province, version=1, source="QĐ tỉnh")
    for rule in national.rules.all():
        rule.pk, rule.standard = None, own
        if rule.cohort == cohort:
            rule.threshold = Decimal(value)
        rule.save()


def test_the_least_numerator_that_reaches_a_threshold_is_an_integer_ceiling() -> None:
    assert needed(Decimal(95), 7) == 7  # 6.65 → 7
    assert needed(Decimal(80), 10) == 8
    assert needed(Decimal(90), 11) == 10  # 9.9 → 10
    assert needed(Decimal("85.00"), 20) == 17


def test_thcs_cohorts_count_diplomas_and_upper_studies_of_15_to_18(world: World) -> None:
    people(world.hamlet, 15, 3, primary_completed_year=2022, lower_secondary_diploma_year=2026)
    for who in people(world.hamlet, 17, 2, lower_secondary_diploma_year=2024):
        SchoolingRecord.objects.filter(person=who).update(
            status=S.ENROLLED, level=L.UPPER_SECONDARY, grade=11
        )
    enrolled(person(world.hamlet, 16), L.LOWER_SECONDARY, 9)
    enrolled(person(world.hamlet, 18), L.CONTINUING, 10)
    person(world.hamlet, 19)  # too old for the cohort
    figures = result(world).figures
    assert figures["thcs_diploma_15_18"] == engine.Figure(5, 7)
    assert figures["thcs_studying_15_18"] == engine.Figure(3, 7)
    assert figures["surveyed"].numerator == 7


def test_exempt_disabilities_leave_the_pcgd_denominators_but_not_the_literacy_ones(
    world: World,
) -> None:
    people(world.hamlet, 11, 3, primary_completed_year=2026)
    schooling(person(world.hamlet, 11), exempt_disability=True, disability_note="trí tuệ")
    figures = result(world).figures
    assert figures["th_completed_11"] == engine.Figure(3, 3)
    assert figures["th_completed_11_14"] == engine.Figure(3, 3)
    assert figures["literate1_15_35"] == engine.Figure(0, 0)
    exempt_adult = person(world.hamlet, 20)
    schooling(exempt_adult, exempt_disability=True)
    assert result(world).figures["literate2_15_60"] == engine.Figure(0, 1)


def test_people_who_left_died_or_moved_away_that_year_are_not_counted(world: World) -> None:
    stays, left, died, away = (person(world.hamlet, 6) for _ in range(4))
    for who in (stays, left, died):
        enrolled(who, L.PRIMARY, 1)
    schooling(away, status=S.MOVED_AWAY)
    Departure.objects.create(person=left, kind="moved_away", left_on=datetime.date(2027, 3, 1))
    Departure.objects.create(person=died, kind="deceased", left_on=datetime.date(2027, 9, 1))
    # ``died`` left after the school year ended: still counted in it.
    assert result(world).figures["th_grade1_6"] == engine.Figure(2, 2)
    other = person(world.other_hamlet, 6)
    enrolled(other, L.PRIMARY, 1)
    assert result(world).figures["th_grade1_6"] == engine.Figure(2, 2)  # another commune


def test_literacy_comes_from_records_schooling_and_education(world: World) -> None:
    literate(person(world.hamlet, 40), 2, reached_year=2020)
    literate(person(world.hamlet, 41), 2, reached_year=2028)  # not yet that school year
    literate(person(world.hamlet, 30), 1)
    person(world.hamlet, 50, education="university")
    person(world.hamlet, 55, education="primary")  # not enough to say
    enrolled(person(world.hamlet, 15), L.LOWER_SECONDARY, 9)  # primary behind them: level 2
    enrolled(person(world.hamlet, 16), L.PRIMARY, 4)  # completed grade 3: level 1
    figures = result(world).figures
    assert figures["literate2_15_60"] == engine.Figure(3, 7)
    assert figures["literate1_15_35"] == engine.Figure(3, 3)
    assert figures["literate1_15_25"] == engine.Figure(2, 2)


def _thcs_commune(world: World, diplomas: int, others: int) -> None:
    """15–18-year-olds: ``diplomas`` with a THCS diploma, ``others`` still in grade 9."""
    people(world.hamlet, 16, diplomas, lower_secondary_diploma_year=2025)
    for who in (person(world.hamlet, 16) for _ in range(others)):
        enrolled(who, L.LOWER_SECONDARY, 9)


def test_thcs_level_1_reached_and_level_2_blocked_until_the_province_enters_it(
    world: World,
) -> None:
    _thcs_commune(world, diplomas=8, others=2)
    outcome = result(world)
    assert outcome.outcomes["pcgd_th_1"].reached  # no child of 6 or 11–14: nothing to count
    assert outcome.outcomes["xmc_1"].reached
    assert outcome.outcomes["pcgd_thcs_1"].reached
    level_2 = outcome.outcomes["pcgd_thcs_2"]
    assert not level_2.reached
    assert [r.kind for r in level_2.reasons] == ["unconfirmed"]
    assert "do tỉnh nhập" in level_2.reasons[0].text
    assert "Chưa thể đạt mức độ 2" in level_2.reasons[0].text
    assert outcome.levels["pcgd_thcs"] == 1
    level_3 = outcome.outcomes["pcgd_thcs_3"]
    assert "Cần đạt phổ cập giáo dục trung học cơ sở mức độ 2 trước." in texts(level_3)


def test_thcs_level_2_one_diploma_short_then_reached(world: World) -> None:
    province_threshold(world, "pcgd_thcs_2", "thcs_diploma_15_18", 90)
    _thcs_commune(world, diplomas=8, others=2)
    level_2 = result(world).outcomes["pcgd_thcs_2"]
    assert texts(level_2) == ["Thiếu 1 em 15–18 tuổi tốt nghiệp THCS để đạt mức độ 2."]
    reason = level_2.reasons[0]
    assert (reason.numerator, reason.denominator, reason.threshold, reason.missing) == (
        8,
        10,
        "90.00",
        1,
    )
    row = SchoolingRecord.objects.filter(lower_secondary_diploma_year__isnull=True).first()
    assert row is not None
    row.lower_secondary_diploma_year = 2026
    row.save()
    assert result(world).outcomes["pcgd_thcs_2"].reached
    assert result(world).levels["pcgd_thcs"] == 2


def test_thcs_level_3_shortfalls_in_both_rates(world: World) -> None:
    province_threshold(world, "pcgd_thcs_2", "thcs_diploma_15_18", 90)
    _thcs_commune(world, diplomas=18, others=2)
    level_3 = result(world).outcomes["pcgd_thcs_3"]
    assert texts(level_3) == [
        "Thiếu 1 em 15–18 tuổi tốt nghiệp THCS để đạt mức độ 3.",
        "Thiếu 16 em 15–18 tuổi đang học THPT, GDTX hoặc GDNN để đạt mức độ 3.",
    ]


def test_hardship_communes_use_their_thresholds_and_cohorts(world: World) -> None:
    _thcs_commune(world, diplomas=7, others=3)
    assert not result(world).outcomes["pcgd_thcs_1"].reached  # 70% < 80%
    HardshipCommune.objects.create(commune=world.commune, school_year=YEAR, basis="QĐ 861")
    outcome = result(world)
    assert outcome.hardship
    assert outcome.outcomes["pcgd_thcs_1"].reached  # ĐBKK: 70%


def test_xmc_1_in_a_hardship_commune_counts_15_to_25(world: World) -> None:
    for age in (16, 20, 25):
        literate(person(world.hamlet, age), 1)
    person(world.hamlet, 30)  # 3 of 4 people of 15–35: 75%
    schooling(person(world.hamlet, 61))
    assert texts(result(world).outcomes["xmc_1"]) == [
        "Thiếu 1 người 15–35 tuổi biết chữ mức độ 1 để đạt mức độ 1."
    ]
    HardshipCommune.objects.create(commune=world.commune, school_year=YEAR)
    hard = result(world).outcomes["xmc_1"]
    assert hard.reached  # ĐBKK: 15–25, all three literate
    assert result(world).figures["literate1_15_25"] == engine.Figure(3, 3)


def test_xmc_2_counts_15_to_60_and_says_how_many_are_missing(world: World) -> None:
    for age in (20, 30, 40, 50, 60):
        literate(person(world.hamlet, age), 2)
    literate(person(world.hamlet, 25), 1)  # level 1: XMC mức 1 (15–35) reached, not level 2
    person(world.hamlet, 45)
    schooling(person(world.hamlet, 61))  # too old; makes the year surveyed
    outcome = result(world)
    assert outcome.figures["literate2_15_60"] == engine.Figure(5, 7)
    assert texts(outcome.outcomes["xmc_2"]) == [
        "Thiếu 2 người 15–60 tuổi biết chữ mức độ 2 để đạt mức độ 2."
    ]


def test_primary_levels_from_six_and_eleven_year_olds(world: World) -> None:
    for who in (person(world.hamlet, 6) for _ in range(10)):
        enrolled(who, L.PRIMARY, 1)
    person(world.hamlet, 6)  # not in school: 10/11 = 90.9%
    people(world.hamlet, 11, 4, primary_completed_year=2026)
    enrolled(person(world.hamlet, 11), L.PRIMARY, 5)  # 4/5 completed, the other still in primary
    people(world.hamlet, 13, 5, primary_completed_year=2024)
    outcome = result(world)
    assert outcome.figures["th_completed_11_14"] == engine.Figure(9, 10)
    assert outcome.outcomes["pcgd_th_1"].reached
    assert texts(outcome.outcomes["pcgd_th_2"]) == [
        "Thiếu 1 trẻ 6 tuổi vào lớp 1 để đạt mức độ 2."  # 95% of 11 = 10.45 → 11
    ]
    assert outcome.figures["th_11_in_primary"] == engine.Figure(5, 5)
    level_3 = outcome.outcomes["pcgd_th_3"]
    assert {r.kind for r in level_3.reasons} == {"requires", "unconfirmed"}


def test_preschool_needs_its_rates_and_the_conditions_with_evidence(world: World) -> None:
    people(world.hamlet, 5, 20, status=S.ENROLLED, level=L.PRESCHOOL, completed_preschool=True)
    outcome = result(world).outcomes["pcgd_mn"]
    conditions = [r for r in outcome.reasons if r.kind == "condition"]
    assert len(conditions) == 5
    assert conditions[0].text.startswith("Chưa xác nhận điều kiện: 100% giáo viên")
    rules = StandardRule.objects.filter(standard__code="pcgd_mn", kind="condition")
    for rule in rules:
        ConditionCheck.objects.create(
            commune=world.commune, school_year=YEAR, condition=rule.condition, met=True
        )
    assert result(world).outcomes["pcgd_mn"].reached
    ConditionCheck.objects.filter(condition="mn_equipment").update(met=False)
    assert texts(result(world).outcomes["pcgd_mn"]) == [
        "Chưa đạt điều kiện: 100% lớp mẫu giáo 05 tuổi có đủ đồ dùng, đồ chơi, thiết bị dạy "
        "học tối thiểu."
    ]


def test_preschool_shortfall_of_five_year_olds_attending(world: World) -> None:
    people(world.hamlet, 5, 18, status=S.ENROLLED, level=L.PRESCHOOL, completed_preschool=True)
    people(world.hamlet, 5, 2)
    outcome = result(world).outcomes["pcgd_mn"]
    shortfalls = [r.text for r in outcome.reasons if r.kind == "shortfall"]
    assert shortfalls == [
        "Thiếu 1 trẻ 5 tuổi đi học mẫu giáo để đạt chuẩn phổ cập giáo dục mầm non cho trẻ em 5 tuổi."
    ]


def test_who_to_visit_are_the_cohort_people_not_yet_counted(world: World) -> None:
    _thcs_commune(world, diplomas=3, others=2)
    missing = engine.cohort_people(world.commune, YEAR, "thcs_diploma_15_18")
    assert missing.count() == 2
    assert all(SchoolingRecord.objects.get(person=p).grade == 9 for p in missing)
    done = engine.cohort_people(world.commune, YEAR, "thcs_diploma_15_18", missing=False)
    assert done.count() == 3


def test_figures_by_place_split_the_commune_by_hamlet(world: World) -> None:
    _thcs_commune(world, diplomas=2, others=1)
    people(world.commune, 16, 1, lower_secondary_diploma_year=2025)
    by_place = engine.figures_by_place(world.commune, YEAR)
    assert by_place[world.hamlet.pk]["thcs_diploma_15_18"] == engine.Figure(2, 3)
    assert by_place[world.commune.pk]["thcs_diploma_15_18"] == engine.Figure(1, 1)


def test_the_computation_reads_a_fixed_number_of_queries(
    world: World, django_assert_max_num_queries: object
) -> None:
    _thcs_commune(world, diplomas=30, others=10)
    for age in range(5, 61):
        literate(person(world.hamlet, age), 2)
    with django_assert_max_num_queries(7):  # type: ignore[operator]  # the fixture is a callable
        engine.compute([world.commune, world.other_commune], YEAR)
