"""After any sequence of recognitions, revocations, moves and deletions, the kept counts equal a
from-scratch recomputation (``rebuild``)."""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction
from django.test import TestCase
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, invariant, rule

from xhht.indicators import rebuild as rebuild_module
from xhht.indicators.models import RollupCount
from xhht.indicators.rollups import TITLE_INDICATOR, adjust
from xhht.places.models import Level, Place
from xhht.registry.models import Household, Person
from xhht.testing.world import build_world


def kept() -> dict[tuple[str, int | None, int], tuple[int, int]]:
    return {
        (r.indicator, r.place_id, r.year): (r.numerator, r.denominator)
        for r in RollupCount.objects.all()
        if r.numerator or r.denominator
    }


class RollupMachine(RuleBasedStateMachine):
    households = Bundle("households")

    @initialize()
    def build(self) -> None:
        # Each run of the machine happens in a transaction rolled back at teardown.
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.world = build_world()
        self.hamlets = [self.world.hamlet, self.world.other_hamlet]
        self.hamlets.append(
            Place.objects.create(
                level=Level.HAMLET,
                code="00070-001",
                name="Tổ 1",
                kind="tổ dân phố",
                parent=self.world.far_commune,
            )
        )
        #: The recognitions the recognition app would hold: (household pk, year) → place id.
        self.recognised: dict[tuple[int, int], Place] = {}
        self.serial = 0

    @rule(target=households, where=st.integers(0, 2))
    def add_household(self, where: int) -> int:
        self.serial += 1
        household = Household.objects.create(
            code=f"H{self.serial}", place=self.hamlets[where], head_name=f"Chủ hộ {self.serial}"
        )
        return household.pk

    @rule(pk=households, year=st.sampled_from([2024, 2025]))
    def recognise(self, pk: int, year: int) -> None:
        household = Household.objects.filter(pk=pk).select_related("place").first()
        if household is None or (pk, year) in self.recognised:
            return
        self.recognised[(pk, year)] = household.place
        adjust(indicator="family", place=household.place, year=year, numerator=1)

    @rule(pk=households, year=st.sampled_from([2024, 2025]))
    def revoke(self, pk: int, year: int) -> None:
        place = self.recognised.pop((pk, year), None)
        if place is not None:
            adjust(indicator="family", place=place, year=year, numerator=-1)

    @rule(pk=households, where=st.integers(0, 2))
    def move(self, pk: int, where: int) -> None:
        household = Household.objects.filter(pk=pk).first()
        if household is not None:
            household.place = self.hamlets[where]
            household.save()

    @rule(pk=households)
    def delete(self, pk: int) -> None:
        Household.objects.filter(pk=pk).delete()  # recognitions stay where they were made

    @rule(where=st.integers(0, 2), born=st.sampled_from([1950, 2000, 2020]))
    def add_person(self, where: int, born: int) -> None:
        Person.objects.create(
            full_name="Nguyễn Văn An", sex="M", birth_year=born, place=self.hamlets[where]
        )

    @rule(nth=st.integers(0, 5), where=st.integers(0, 2))
    def move_or_delete_person(self, nth: int, where: int) -> None:
        person = Person.objects.order_by("pk")[nth : nth + 1].first()
        if person is None:
            return
        if where == 0:
            person.delete()
        else:
            person.place = self.hamlets[where]
            person.save()

    @rule()
    def retire_hamlet(self) -> None:
        hamlet = self.hamlets[2]
        hamlet.valid_to = None if hamlet.valid_to else datetime.date(2025, 7, 1)
        hamlet.save()

    def teardown(self) -> None:
        if hasattr(self, "atomic"):
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)

    @invariant()
    def kept_counts_equal_a_rebuild(self) -> None:
        before = kept()
        original = list(rebuild_module._counters)
        rows: list[rebuild_module.CountRow] = [
            (TITLE_INDICATOR["family"], year, place.pk, 1, 0)
            for (_pk, year), place in self.recognised.items()
        ]
        # The test's recognitions, beside the other apps' counters (learning centres).
        rebuild_module._counters[:] = [*original, lambda province: rows]
        try:
            rebuild_module.rebuild()
        finally:
            rebuild_module._counters[:] = original
        assert kept() == before


RollupMachine.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.mark.slow
class TestKeptCountsEqualARebuild(RollupMachine.TestCase, TestCase):  # type: ignore[misc,valid-type]  # hypothesis is imported untyped
    pass
