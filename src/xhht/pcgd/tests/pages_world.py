"""A commune of the test world one young person short of PCGD THCS mức độ 2, for the pages,
forms, workflow and browser tests (P3).

Ten young people of 16 in ``world.hamlet`` (school year ``YEAR``): eight hold a lower-secondary
diploma, two are in grade 9. PCGD THCS mức 1 (≥ 80%, Đ14, confirmed) is reached; mức 2 has no
threshold in a legal source (Đ15 NOT FOUND), so the province enters 90% — nine are needed, one
is missing. XMC mức 1 is reached (all are literate through school); nobody of 6 or 11–14 lives
there, so PCGD tiểu học mức 1 is not blocked."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from xhht.pcgd import kept, rules_actions
from xhht.pcgd.models import SchoolingRecord, current_school_year
from xhht.registry.models import Household, Person
from xhht.testing.world import World

#: The current school year: the household entry screen only edits the current one.
YEAR = current_school_year()
THCS_2_THRESHOLD = Decimal("90")


@dataclass
class ShortCommune:
    people: list[Person]
    #: The young person in grade 9 whose completion closes the gap.
    last: Person
    household: Household


def short_commune(world: World, *, enter_threshold: bool = True) -> ShortCommune:
    household = Household.objects.create(
        code="KV1-PCGD", place=world.hamlet, head_name="Trần Văn Bình"
    )
    people = []
    for index in range(10):
        person = Person.objects.create(
            full_name=f"Trần Thị Em {index + 1}",
            sex="F",
            birth_year=YEAR - 16,
            place=world.hamlet,
            household=household,
        )
        graduated = index < 8
        SchoolingRecord.objects.create(
            person=person,
            school_year=YEAR,
            status=SchoolingRecord.Status.FINISHED
            if graduated
            else SchoolingRecord.Status.ENROLLED,
            level="" if graduated else SchoolingRecord.Level.LOWER_SECONDARY,
            grade=None if graduated else 9,
            primary_completed_year=YEAR - 5,
            lower_secondary_diploma_year=YEAR if graduated else None,
        )
        people.append(person)
    if enter_threshold:
        enter_thcs_2(world)
    kept.refresh([world.commune], YEAR)
    return ShortCommune(people=people, last=people[-1], household=household)


def enter_thcs_2(world: World) -> None:
    """The province enters the threshold of PCGD THCS mức 2 (not in a legal source)."""
    rules_actions.fill_thresholds(
        user=world.coordinator,
        province=world.province,
        code="pcgd_thcs_2",
        thresholds={"thcs_diploma_15_18": (THCS_2_THRESHOLD, None)},
        source="Kế hoạch số 12/KH-UBND của tỉnh (thử)",
    )


def graduate(person: Person) -> None:
    """The young person's lower-secondary diploma is recorded."""
    row = SchoolingRecord.objects.get(person=person, school_year=YEAR)
    row.status = SchoolingRecord.Status.FINISHED
    row.level = ""
    row.grade = None
    row.lower_secondary_diploma_year = YEAR
    row.save()
