"""Many rows of the current school year at once: the same rules as one row, all or none, one
audit entry for the batch, the kept figures recounted, a number of queries that does not grow
with the rows."""

from __future__ import annotations

from typing import Any

import pytest

from xhht.audit.models import AuditEntry
from xhht.pcgd import engine, kept
from xhht.pcgd.entry import EntryRefused, SchoolingValues
from xhht.pcgd.entry_bulk import record_schooling_rows
from xhht.pcgd.models import Cohort, SchoolingRecord, current_school_year
from xhht.registry.models import Household, Person
from xhht.testing.world import World

YEAR = current_school_year()
GRADE_5 = SchoolingValues(status="enrolled", level="primary", grade=5)


def _people(household: Household, n: int, age: int = 10) -> list[Person]:
    return [
        Person.objects.create(
            full_name=f"Trần Văn Số {i}",
            sex=Person.Sex.MALE,
            birth_year=YEAR - age,
            place=household.place,
            household=household,
        )
        for i in range(n)
    ]


@pytest.fixture
def home(world: World) -> Household:
    return Household.objects.create(code="KV1-300", place=world.hamlet, head_name="Trần Văn Ba")


def test_rows_are_created_and_updated_in_bulk_with_one_audit_entry_and_the_figures_follow(
    world: World, home: Household, django_assert_max_num_queries: Any
) -> None:
    people = _people(home, 120)
    SchoolingRecord.objects.create(person=people[0], school_year=YEAR, status="not_in_school")
    items = [(p, GRADE_5) for p in people]

    with django_assert_max_num_queries(40):
        done = record_schooling_rows(
            user=world.commune_officer, commune=world.commune, school_year=YEAR, items=items
        )

    assert done == {"created": 119, "updated": 1}
    assert SchoolingRecord.objects.filter(grade=5).count() == 120
    step = AuditEntry.objects.get(step="import_school_list")
    assert step.after == {"school_year": YEAR, "created": 119, "updated": 1}
    stored = kept.read(world.commune, YEAR)
    assert stored is not None
    computed = engine.compute([world.commune], YEAR)[world.commune.pk].figures
    assert stored.figures[Cohort.SURVEYED] == computed[Cohort.SURVEYED]
    assert computed[Cohort.SURVEYED].numerator == 120


def test_one_wrong_row_writes_none_and_is_named_by_its_label(world: World, home: Household) -> None:
    first, second = _people(home, 2)
    wrong = SchoolingValues(status="enrolled", level="primary", grade=8)

    with pytest.raises(EntryRefused) as refused:
        record_schooling_rows(
            user=world.commune_officer,
            commune=world.commune,
            school_year=YEAR,
            items=[(first, GRADE_5), (second, wrong)],
            labels=["Dòng 3", "Dòng 4"],
        )

    assert refused.value.problems == ["Dòng 4: Lớp không thuộc cấp học đã chọn."]
    assert not SchoolingRecord.objects.exists()
    assert not AuditEntry.objects.filter(step="import_school_list").exists()


def test_people_outside_the_commune_or_past_years_are_refused(
    world: World, home: Household
) -> None:
    away = Household.objects.create(code="CK-300", place=world.other_hamlet, head_name="Hộ Khác")
    (mine,), (theirs,) = _people(home, 1), _people(away, 1)

    with pytest.raises(EntryRefused, match="không thuộc xã"):
        record_schooling_rows(
            user=world.commune_officer,
            commune=world.commune,
            school_year=YEAR,
            items=[(mine, GRADE_5), (theirs, GRADE_5)],
        )
    with pytest.raises(EntryRefused, match="Năm học đã qua"):
        record_schooling_rows(
            user=world.commune_officer,
            commune=world.commune,
            school_year=YEAR - 1,
            items=[(mine, GRADE_5)],
        )
    assert not SchoolingRecord.objects.exists()
