"""After any sequence of changes to centres, classes, participants, people and places, the kept
counts of the learning-centre and skills indicators equal a from-scratch recomputation
(``indicators.rebuild``, which runs ``centres.counters.rebuild_counts``)."""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction
from django.test import TestCase
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from xhht.centres.counters import CODES
from xhht.centres.models import Centre, LearningClass, Participation, Topic
from xhht.indicators import rebuild as rebuild_module
from xhht.indicators.models import RollupCount
from xhht.places.models import Level, Place
from xhht.registry.models import Person
from xhht.testing.world import build_world

TOPICS = [
    Topic.DIGITAL_SKILLS,
    Topic.INFO_LITERACY,
    Topic.LIFE_SKILLS,
    Topic.LITERACY,
    Topic.POST_LITERACY,
    Topic.LAW,
]
#: In 2026 (the tests' clock may say any year): out of, inside, inside, out of working age.
BIRTH_YEARS = [1930, 1975, 2000, 2020]


def kept() -> dict[tuple[str, int | None, int], tuple[int, int]]:
    return {
        (r.indicator, r.place_id, r.year): (r.numerator, r.denominator)
        for r in RollupCount.objects.all()
        if r.numerator or r.denominator
    }


def nth(queryset: object, index: int) -> object:
    return queryset.order_by("pk")[index : index + 1].first()  # type: ignore[attr-defined]  # a QuerySet


class CentreCountsMachine(RuleBasedStateMachine):
    @initialize()
    def build(self) -> None:
        # Each run of the machine happens in a transaction rolled back at teardown.
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.world = build_world()
        district = Place.objects.create(
            level=Level.DISTRICT,
            code="916",
            name="Quận Bình Thủy",
            kind="quận",
            parent=self.world.province,
        )
        inner = Place.objects.create(
            level=Level.COMMUNE,
            code="31150",
            name="Phường Bình Thủy",
            kind="phường",
            parent=district,
        )
        self.district = district
        self.communes = [self.world.commune, self.world.other_commune, inner]
        self.hamlets = [self.world.hamlet, self.world.other_hamlet, self.world.commune]
        self.topics = {code: Topic.objects.get(code=code, province=None) for code in TOPICS}
        self.serial = 0

    def teardown(self) -> None:
        if hasattr(self, "atomic"):
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)

    # Centres -------------------------------------------------------------------------------------

    @rule(
        where=st.integers(0, 2),
        computers=st.sampled_from([0, 3]),
        internet=st.booleans(),
        it=st.booleans(),
        pilot=st.booleans(),
        status=st.sampled_from(list(Centre.Status)),
        kind=st.sampled_from([Centre.Kind.TTHTCD, Centre.Kind.TTHTCD, Centre.Kind.LIBRARY]),
    )
    def add_centre(
        self,
        where: int,
        computers: int,
        internet: bool,
        it: bool,
        pilot: bool,
        status: str,
        kind: str,
    ) -> None:
        place = self.communes[where]
        if kind == Centre.Kind.TTHTCD and status == Centre.Status.ACTIVE:
            taken = Centre.objects.filter(place=place, kind=kind, status=status).exists()
            if taken:
                return  # one active TTHTCĐ per commune (a constraint)
        self.serial += 1
        Centre.objects.create(
            code=f"TT-{self.serial}",
            name=f"Trung tâm {self.serial}",
            kind=kind,
            place=place,
            status=status,
            computers=computers,
            internet=internet,
            it_management=it,
            pilot_it=pilot and kind == Centre.Kind.TTHTCD,
        )

    @rule(
        index=st.integers(0, 4),
        change=st.sampled_from(["internet", "it", "pilot", "status", "move"]),
    )
    def edit_centre(self, index: int, change: str) -> None:
        centre = nth(Centre.objects.all(), index)
        if not isinstance(centre, Centre):
            return
        if change == "internet":
            centre.internet = not centre.internet
        elif change == "it":
            centre.it_management = not centre.it_management
        elif change == "pilot":
            centre.pilot_it = not centre.pilot_it
        elif change == "status":
            centre.status = (
                Centre.Status.CLOSED
                if centre.status == Centre.Status.ACTIVE
                else Centre.Status.ACTIVE
            )
        else:
            centre.place = self.communes[(self.communes.index(centre.place) + 1) % 3]
        clash = Centre.objects.filter(
            place=centre.place, kind=Centre.Kind.TTHTCD, status=Centre.Status.ACTIVE
        ).exclude(pk=centre.pk)
        counted = centre.kind == Centre.Kind.TTHTCD and centre.status == Centre.Status.ACTIVE
        if counted and clash.exists():
            return  # one active TTHTCĐ per commune (a constraint)
        centre.save()

    @rule(index=st.integers(0, 4))
    def delete_centre(self, index: int) -> None:
        centre = nth(Centre.objects.filter(classes__isnull=True), index)
        if isinstance(centre, Centre):
            centre.delete()

    # People --------------------------------------------------------------------------------------

    @rule(where=st.integers(0, 2), born=st.sampled_from(BIRTH_YEARS))
    def add_person(self, where: int, born: int) -> None:
        Person.objects.create(
            full_name="Nguyễn Văn An", sex="M", birth_year=born, place=self.hamlets[where]
        )

    @rule(index=st.integers(0, 5), change=st.sampled_from(["move", "age", "delete"]))
    def change_person(self, index: int, change: str) -> None:
        person = nth(Person.objects.all(), index)
        if not isinstance(person, Person):
            return
        if change == "delete":
            person.delete()  # their participations go with them
            return
        if change == "move":
            person.place = self.hamlets[(self.hamlets.index(person.place) + 1) % 3]
        else:
            person.birth_year = BIRTH_YEARS[(BIRTH_YEARS.index(person.birth_year) + 1) % 4]
        person.save()

    # Classes and participants -------------------------------------------------------------------

    @rule(topic=st.sampled_from(TOPICS), where=st.integers(0, 2), at_centre=st.booleans())
    def add_class(self, topic: str, where: int, at_centre: bool) -> None:
        centre = Centre.objects.filter(place=self.communes[where]).first() if at_centre else None
        LearningClass.objects.create(
            topic=self.topics[topic],
            title="Lớp học",
            centre=centre,
            place=self.communes[where],
            start_date=datetime.date(2026, 3, 2),
        )

    @rule(index=st.integers(0, 4), topic=st.sampled_from(TOPICS))
    def change_topic(self, index: int, topic: str) -> None:
        learning_class = nth(LearningClass.objects.all(), index)
        if isinstance(learning_class, LearningClass):
            learning_class.topic = self.topics[topic]
            learning_class.save()

    @rule(index=st.integers(0, 4))
    def delete_class(self, index: int) -> None:
        learning_class = nth(LearningClass.objects.all(), index)
        if isinstance(learning_class, LearningClass):
            learning_class.delete()  # its participants go with it

    @rule(of=st.integers(0, 4), who=st.integers(0, 5), completed=st.booleans())
    def add_participant(self, of: int, who: int, completed: bool) -> None:
        learning_class, person = (
            nth(LearningClass.objects.all(), of),
            nth(Person.objects.all(), who),
        )
        if not isinstance(learning_class, LearningClass) or not isinstance(person, Person):
            return
        if Participation.objects.filter(learning_class=learning_class, person=person).exists():
            return
        Participation.objects.create(
            learning_class=learning_class, person=person, completed=completed
        )

    @rule(index=st.integers(0, 6), remove=st.booleans())
    def complete_or_remove(self, index: int, remove: bool) -> None:
        participation = nth(Participation.objects.all(), index)
        if not isinstance(participation, Participation):
            return
        if remove:
            participation.delete()
        else:
            participation.completed = not participation.completed
            participation.save()

    @rule(index=st.integers(0, 2))
    def remove_class_participants_at_once(self, index: int) -> None:
        learning_class = nth(LearningClass.objects.all(), index)
        if isinstance(learning_class, LearningClass):
            Participation.objects.filter(learning_class=learning_class).delete()

    # Places --------------------------------------------------------------------------------------

    @rule(which=st.sampled_from(["commune", "district"]))
    def retire_or_restore(self, which: str) -> None:
        place = self.communes[1] if which == "commune" else self.district
        place.valid_to = None if place.valid_to else datetime.date(2025, 7, 1)
        place.save()

    @invariant()
    def kept_counts_equal_a_rebuild(self) -> None:
        before = kept()
        rebuild_module.rebuild()
        assert kept() == before


CentreCountsMachine.TestCase.settings = settings(
    max_examples=30,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


class TestKeptCountsEqualARebuild(CentreCountsMachine.TestCase, TestCase):  # type: ignore[misc,valid-type]  # hypothesis is imported untyped
    pass


@pytest.mark.django_db
def test_the_machine_reaches_every_indicator_it_follows() -> None:
    """A fixed run: each of the seven indicators gets a non-zero kept count, and they match."""
    machine = CentreCountsMachine()
    try:
        machine.build()
        machine.add_centre(0, 3, True, True, True, Centre.Status.ACTIVE, Centre.Kind.TTHTCD)
        machine.add_centre(2, 3, True, False, True, Centre.Status.ACTIVE, Centre.Kind.TTHTCD)
        machine.add_person(0, 1975)
        machine.add_person(1, 2000)
        for topic in (Topic.DIGITAL_SKILLS, Topic.LIFE_SKILLS, Topic.POST_LITERACY):
            machine.add_class(topic, 0, True)
        machine.add_participant(0, 0, True)
        machine.add_participant(1, 0, True)
        machine.add_participant(0, 1, False)
        machine.add_participant(2, 1, True)  # the second person, post-literacy
        machine.kept_counts_equal_a_rebuild()
        counts = kept()
        province = machine.world.province.pk
        assert counts[("info_literacy", province, 0)] == (1, 2)
        assert counts[("life_skills", province, 0)] == (1, 2)
        assert counts[("literacy_learners", province, 0)] == (1, 2)
        assert counts[("clc_networked", province, 0)] == (2, 2)
        assert counts[("clc_it", province, 0)] == (1, 2)
        assert counts[("clc_active", province, 0)] == (2, 3)
        assert counts[("clc_pilot_per_district", province, 0)] == (1, 1)
        assert {code for code, _place, _year in counts} >= set(CODES)
        machine.change_person(0, "delete")  # the trained person leaves the registry
        machine.kept_counts_equal_a_rebuild()
        assert kept()[("info_literacy", province, 0)] == (0, 1)
    finally:
        machine.teardown()
