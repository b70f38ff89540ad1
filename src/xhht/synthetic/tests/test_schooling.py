"""Synthetic schooling and literacy histories (``xhht generate_schooling``, ``synthetic.pcgd``)."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection

from xhht.audit.models import AuditEntry
from xhht.audit.wording import plain_text, step_label
from xhht.pcgd.models import LiteracyRecord, SchoolingRecord
from xhht.places.models import Level, Place
from xhht.registry.models import Person
from xhht.synthetic.generator import generate
from xhht.synthetic.pcgd import generate_schooling, histories, independent

YEAR = 2025


@pytest.fixture
def province(db: None) -> Place:
    province = Place.objects.create(
        level=Level.PROVINCE, code="92", name="Thành phố Cần Thơ", kind="thành phố"
    )
    for code, name, kind in [
        ("31117", "Phường Ninh Kiều", "phường"),
        ("31180", "Xã Phong Điền", "xã"),
    ]:
        Place.objects.create(level=Level.COMMUNE, code=code, name=name, kind=kind, parent=province)
    generate(province_code="92", scale=0.004, seed=5)
    return province


def _rows() -> list[tuple[object, ...]]:
    return sorted(
        SchoolingRecord.objects.values_list(
            "person_id", "school_year", "status", "level", "grade", "primary_completed_year",
            "lower_secondary_diploma_year", "completed_preschool", "exempt_disability",
        )
    )  # fmt: skip


@pytest.mark.django_db
def test_children_follow_the_school_ladder_by_birth_year(province: Place) -> None:
    stats = generate_schooling(province_code="92", school_year=YEAR, seed=5, rebuild=False)
    assert stats.communes == 2 and stats.schooling_rows == SchoolingRecord.objects.count()
    ages: dict[int, Counter[tuple[str, str, int | None]]] = {}
    for row in SchoolingRecord.objects.filter(school_year=YEAR).select_related("person"):
        row.full_clean(exclude=["person", "school"])  # the model's own rules hold
        age = YEAR - row.person.birth_year
        ages.setdefault(age, Counter())[row.status, row.level, row.grade] += 1
    assert set(ages) == set(range(3, 19))  # preschool to the end of the 15–18 cohort

    def share(age: int, status: str, level: str, grade: int | None) -> float:
        return ages[age][status, level, grade] / sum(ages[age].values())

    assert share(4, "enrolled", "preschool", None) > 0.8
    assert share(6, "enrolled", "primary", 1) > 0.85  # grade 1 at 6, mostly
    assert share(10, "enrolled", "primary", 5) > 0.8
    assert share(12, "enrolled", "lower_secondary", 7) > 0.8
    assert share(16, "enrolled", "upper_secondary", 11) > 0.4
    assert not ages[16]["enrolled", "primary", 1]  # nobody sixteen in grade 1
    # Completions by the age of the decree: primary at 11, the THCS diploma at 15, mostly.
    eleven = SchoolingRecord.objects.filter(school_year=YEAR, person__birth_year=YEAR - 11)
    assert eleven.filter(primary_completed_year=YEAR).count() > 0.8 * eleven.count()
    fifteen = SchoolingRecord.objects.filter(school_year=YEAR, person__birth_year=YEAR - 15)
    assert fifteen.filter(lower_secondary_diploma_year=YEAR).count() > 0.75 * fifteen.count()
    # Each child has last year's row too, one grade lower when promoted (a history, not a copy).
    person = eleven.filter(primary_completed_year=YEAR, status="enrolled").first()
    assert person is not None
    last_year = SchoolingRecord.objects.get(person_id=person.person_id, school_year=YEAR - 1)
    assert (last_year.level, last_year.grade, last_year.primary_completed_year) == (
        "primary",
        5,
        None,
    )
    # Adults 14–65 have a literacy level; the children below 14 do not need one.
    literate = LiteracyRecord.objects.select_related("person")
    assert {YEAR - r.person.birth_year for r in literate} == set(range(14, 66))
    assert literate.filter(level=2).count() > 0.85 * literate.count()


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_history_whatever_the_communes_done_first(
    province: Place,
) -> None:
    generate_schooling(
        province_code="92", school_year=YEAR, seed=5, communes=["31180"], rebuild=False
    )
    alone = _rows()
    literacy = sorted(LiteracyRecord.objects.values_list("person_id", "level", "reached_year"))
    with connection.cursor() as cursor:  # no per-row delete signals: the rows go as they came
        for model in (SchoolingRecord, LiteracyRecord):
            cursor.execute(f"DELETE FROM {model._meta.db_table}")  # noqa: S608 - a model's table
    generate_schooling(province_code="92", school_year=YEAR, seed=5, rebuild=False)
    xa = Place.objects.get(code="31180")
    in_xa = set(Person.objects.filter(place__parent=xa).values_list("pk", flat=True))
    assert [r for r in _rows() if r[0] in in_xa] == alone
    again = LiteracyRecord.objects.filter(person__place__parent=xa)
    assert sorted(again.values_list("person_id", "level", "reached_year")) == literacy


@pytest.mark.django_db
def test_a_rerun_skips_communes_that_have_rows_and_the_trail_reads_in_vietnamese(
    province: Place, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("generate_schooling", "--province", "92", "--school-year", str(YEAR))
    out = capsys.readouterr().out
    assert "2 xã (0 bỏ qua" in out and "phiếu học tập" in out
    count = SchoolingRecord.objects.count()
    call_command("generate_schooling", "--province", "92", "--school-year", str(YEAR))
    assert "0 xã (2 bỏ qua" in capsys.readouterr().out
    assert SchoolingRecord.objects.count() == count
    steps = AuditEntry.objects.filter(step="generate_schooling")
    assert steps.count() == 2
    for entry in steps:
        shown = f"{step_label(entry.step)} {plain_text(entry.after)} {entry.reason}"
        assert "_" not in shown and "xhht" not in shown, shown
    with pytest.raises(Exception, match="Không có tỉnh"):
        call_command("generate_schooling", "--province", "99")


def test_about_one_rural_commune_in_five_is_weaker_and_falls_short() -> None:
    rng = random.Random(1)
    rural = [histories.profile(rng, rural=True) for _ in range(2_000)]
    wards = [histories.profile(rng, rural=False) for _ in range(2_000)]
    assert 0.15 < sum(p.weak for p in rural) / 2_000 < 0.25
    assert sum(p.weak for p in wards) / 2_000 < 0.08

    def rate_15_18(p: histories.Profile) -> float:
        diplomas = total = 0
        for n in range(3_000):
            rows, _done = histories.child_rows(rng, YEAR - 15 - n % 4, (YEAR,), p)
            if rows and rows[0].status != "moved_away" and not rows[0].exempt_disability:
                total += 1
                diplomas += rows[0].lower_secondary_diploma_year is not None
        return diplomas / total

    strong = next(p for p in wards if not p.weak)
    weak = next(p for p in rural if p.weak)
    assert rate_15_18(strong) > 0.9 > rate_15_18(weak)  # PCGD THCS: one reaches, one does not


@pytest.mark.django_db
def test_a_generated_province_has_most_communes_at_the_standards_and_some_not(db: None) -> None:
    """Twenty communes: the decree's levels read from their figures (``independent``)."""
    province = Place.objects.create(level=Level.PROVINCE, code="92", name="Cần Thơ")
    for n in range(20):
        Place.objects.create(
            level=Level.COMMUNE, code=f"{31000 + n}", name=f"Xã {n}", kind="xã", parent=province
        )
    generate(province_code="92", scale=0.02, seed=11)
    generate_schooling(province_code="92", school_year=YEAR, seed=11, years=1, rebuild=False)
    found = independent.figures(independent.export(province.path), YEAR)
    levels = [independent.reached(found, c.pk) for c in Place.objects.filter(parent=province)]
    for code in ("xmc_2", "pcgd_th_1", "pcgd_thcs_1"):
        reached = sum(level[code] for level in levels)
        assert 12 <= reached <= 19, (code, reached)
