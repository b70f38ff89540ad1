"""After any sequence of enrolments, completions, literacy, moves, deaths, deletions, ĐBKK status
and entered values, the kept results and the indicators' counts equal a from-scratch rebuild
(``kept.rebuild`` and ``indicators.rebuild``)."""

from __future__ import annotations

import contextlib
import datetime
from decimal import Decimal

import pytest
from django.db import transaction
from django.test import TestCase
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from xhht.indicators.actions import EntryError, record_value
from xhht.indicators.models import Indicator
from xhht.pcgd.models import (
    Departure,
    HardshipCommune,
    LiteracyRecord,
    SchoolingRecord,
    Standard,
)
from xhht.pcgd.tests.test_kept import rebuilt, state
from xhht.registry.models import Person
from xhht.testing.world import build_world

L, S = SchoolingRecord.Level, SchoolingRecord.Status
YEARS = [2025, 2026]
AGES = [5, 6, 11, 13, 16, 18, 25, 40, 61]
#: (status, level, grade) choices of a schooling row.
ROWS = [
    (S.ENROLLED, L.PRESCHOOL, None),
    (S.ENROLLED, L.PRIMARY, 1),
    (S.ENROLLED, L.PRIMARY, 5),
    (S.ENROLLED, L.LOWER_SECONDARY, 9),
    (S.ENROLLED, L.UPPER_SECONDARY, 11),
    (S.ENROLLED, L.CONTINUING, 10),
    (S.ENROLLED, L.VOCATIONAL, None),
    (S.NOT_IN_SCHOOL, "", None),
    (S.DROPPED_OUT, "", None),
    (S.FINISHED, "", None),
    (S.MOVED_AWAY, "", None),
]
FED = ["pcgd_thcs_level2", "literate_15_60", "xmc_level2"]


class PcgdKeptMachine(RuleBasedStateMachine):
    @initialize()
    def build(self) -> None:
        # Each run of the machine happens in a transaction rolled back at teardown.
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.world = build_world()
        self.places = [self.world.hamlet, self.world.other_hamlet, self.world.commune]
        self.communes = [self.world.commune, self.world.other_commune]
        # The province's own mức 2 threshold, so that level can be reached and lost.
        national = Standard.objects.get(code="pcgd_thcs_2", province__isnull=True)
        own = Standard.objects.create(
            code="pcgd_thcs_2", province=self.world.province, version=1, source="QĐ tỉnh"
        )
        for each in national.rules.all():
            each.pk, each.standard, each.threshold = None, own, Decimal(90)
            each.save()

    def teardown(self) -> None:
        if hasattr(self, "atomic"):
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)

    def _person(self, index: int) -> Person | None:
        return Person.objects.order_by("pk")[index : index + 1].first()

    @rule(place=st.integers(0, 2), age=st.sampled_from(AGES), educated=st.booleans())
    def add_person(self, place: int, age: int, educated: bool) -> None:
        Person.objects.create(
            full_name="Trần Thị Hoa",
            sex=Person.Sex.FEMALE,
            birth_year=2026 - age,
            place=self.places[place],
            education="lower_secondary" if educated else "none",
        )

    @rule(
        index=st.integers(0, 12),
        year=st.sampled_from(YEARS),
        row=st.sampled_from(ROWS),
        primary=st.booleans(),
        diploma=st.booleans(),
        preschool=st.booleans(),
        exempt=st.booleans(),
    )
    def set_schooling(
        self,
        index: int,
        year: int,
        row: tuple[str, str, int | None],
        primary: bool,
        diploma: bool,
        preschool: bool,
        exempt: bool,
    ) -> None:
        who = self._person(index)
        if who is None:
            return
        status, level, grade = row
        SchoolingRecord.objects.update_or_create(
            person=who,
            school_year=year,
            defaults={
                "status": status,
                "level": level,
                "grade": grade,
                "primary_completed_year": year - 1 if primary else None,
                "lower_secondary_diploma_year": year if diploma else None,
                "completed_preschool": preschool,
                "exempt_disability": exempt,
            },
        )

    @rule(index=st.integers(0, 12), year=st.sampled_from(YEARS))
    def delete_schooling(self, index: int, year: int) -> None:
        row = SchoolingRecord.objects.filter(school_year=year).order_by("pk")[index : index + 1]
        if row:
            row[0].delete()

    @rule(
        index=st.integers(0, 12),
        level=st.integers(0, 2),
        reached=st.sampled_from([None, 2020, 2027]),
    )
    def set_literacy(self, index: int, level: int, reached: int | None) -> None:
        who = self._person(index)
        if who is None:
            return
        if level == 0:
            LiteracyRecord.objects.filter(person=who).delete()
            return
        LiteracyRecord.objects.update_or_create(
            person=who, defaults={"level": level, "reached_year": reached}
        )

    @rule(
        index=st.integers(0, 12),
        kind=st.sampled_from(["moved_away", "deceased", None]),
        day=st.sampled_from([datetime.date(2026, 3, 1), datetime.date(2027, 5, 1)]),
    )
    def depart(self, index: int, kind: str | None, day: datetime.date) -> None:
        who = self._person(index)
        if who is None:
            return
        if kind is None:
            Departure.objects.filter(person=who).delete()
        else:
            Departure.objects.update_or_create(person=who, defaults={"kind": kind, "left_on": day})

    @rule(index=st.integers(0, 12), place=st.integers(0, 2), age=st.sampled_from(AGES))
    def change_person(self, index: int, place: int, age: int) -> None:
        who = self._person(index)
        if who is None:
            return
        who.place, who.birth_year = self.places[place], 2026 - age
        who.save()

    @rule(index=st.integers(0, 12))
    def delete_person(self, index: int) -> None:
        who = self._person(index)
        if who is not None:
            who.delete()

    @rule(commune=st.integers(0, 1), year=st.sampled_from(YEARS))
    def toggle_hardship(self, commune: int, year: int) -> None:
        row, created = HardshipCommune.objects.get_or_create(
            commune=self.communes[commune], school_year=year
        )
        if not created:
            row.delete()

    @rule(code=st.sampled_from(FED), year=st.sampled_from(YEARS), at_province=st.booleans())
    def enter_value(self, code: str, year: int, at_province: bool) -> None:
        place = self.world.province if at_province else self.world.other_commune
        with contextlib.suppress(EntryError):  # already entered at another level: refused
            record_value(
                user=self.world.coordinator,
                indicator=Indicator.objects.get(code=code),
                place=place,
                year=year,
                numerator=1,
                denominator=2,
            )

    @invariant()
    def kept_equals_a_rebuild(self) -> None:
        before = state()
        assert rebuilt() == before


PcgdKeptMachine.TestCase.settings = settings(
    max_examples=12,
    stateful_step_count=18,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


class TestKeptResultsEqualARebuild(PcgdKeptMachine.TestCase, TestCase):  # type: ignore[misc,valid-type]  # hypothesis is imported untyped
    pass


@pytest.mark.django_db
def test_the_machine_reaches_kept_results_and_counts() -> None:
    """A fixed run: a commune kept in both years, a level reached, a value entered."""
    machine = PcgdKeptMachine()
    try:
        machine.build()
        for age in (16, 16, 17, 25):
            machine.add_person(0, age, False)
        for index in range(3):
            machine.set_schooling(index, 2026, ROWS[4], True, True, False, False)
        machine.set_schooling(3, 2025, ROWS[7], True, False, False, False)
        machine.set_literacy(3, 2, 2020)
        machine.kept_equals_a_rebuild()
        kept_state = state()
        commune = machine.world.commune.pk
        assert kept_state["results"][(commune, 2026, "pcgd_thcs_2")][0] is True
        assert kept_state["counts"][("pcgd_thcs_level2", commune, 2026)] == (1, 1)
        assert (commune, 2025, "surveyed") in kept_state["figures"]
        machine.change_person(0, 1, 16)  # moves to the other commune
        machine.depart(1, "deceased", datetime.date(2026, 3, 1))
        machine.enter_value("literate_15_60", 2026, True)
        machine.toggle_hardship(0, 2026)
        machine.delete_person(2)
        machine.kept_equals_a_rebuild()
    finally:
        machine.teardown()
