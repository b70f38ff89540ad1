"""A participant's learning-record line follows their class: added, attended, closed, re-opened."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from pytest_django import DjangoAssertNumQueries

from xhht.audit.models import AuditEntry
from xhht.centres import classes
from xhht.centres.models import Attendance, LearningClass, LearningEntry, Participation
from xhht.centres.record import keep_class_entries, keep_entries_of_classes
from xhht.centres.tests import factories
from xhht.registry.models import Person
from xhht.registry.tests import factories as registry_factories
from xhht.testing.world import World

pytestmark = pytest.mark.django_db


def _person(w: World, name: str, cccd: str) -> Person:
    return registry_factories.person(w, cccd=cccd, name=name)


def _line(person: Person) -> LearningEntry:
    return LearningEntry.objects.get(person=person, kind=LearningEntry.Kind.CLASS)


def test_adding_a_participant_opens_their_line_with_the_class_year_title_and_place(
    world: World,
) -> None:
    learning_class = factories.learning_class(world)
    an = _person(world, "Nguyễn Văn An", "092185001234")
    classes.add_participants(user=world.commune_officer, learning_class=learning_class, people=[an])
    line = _line(an)
    assert (line.year, line.title, line.hours, line.result) == (
        2026,
        "Lớp kỹ năng số cho người cao tuổi",
        Decimal("0"),
        "",
    )
    assert line.topic_id == learning_class.topic_id
    assert line.source == "Trung tâm học tập cộng đồng phường Ninh Kiều"
    assert line.participation is not None and line.participation.person_id == an.pk


def test_hours_are_those_of_the_sessions_attended_and_follow_a_corrected_attendance(
    world: World,
) -> None:
    learning_class = factories.learning_class(world)
    an = _person(world, "Nguyễn Văn An", "092185001234")
    binh = _person(world, "Trần Thị Bình", "092185001235")
    officer = world.commune_officer
    classes.add_participants(user=officer, learning_class=learning_class, people=[an, binh])
    first = classes.add_session(
        user=officer,
        learning_class=learning_class,
        date=datetime.date(2026, 3, 2),
        hours=Decimal(2),
    )
    second = classes.add_session(
        user=officer,
        learning_class=learning_class,
        date=datetime.date(2026, 3, 9),
        hours=Decimal("3.5"),
    )
    p_an = Participation.objects.get(person=an)
    p_binh = Participation.objects.get(person=binh)
    classes.mark_attendance(user=officer, session=first, present=[p_an.pk, p_binh.pk])
    classes.mark_attendance(user=officer, session=second, present=[p_an.pk])
    assert (_line(an).hours, _line(binh).hours) == (Decimal("5.5"), Decimal("2"))

    classes.mark_attendance(user=officer, session=second, present=[p_binh.pk])
    assert (_line(an).hours, _line(binh).hours) == (Decimal("2"), Decimal("5.5"))


def test_closing_copies_each_result_and_re_opening_keeps_the_line(world: World) -> None:
    learning_class = factories.learning_class(world)
    an = _person(world, "Nguyễn Văn An", "092185001234")
    officer = world.commune_officer
    classes.add_participants(user=officer, learning_class=learning_class, people=[an])
    session = classes.add_session(
        user=officer,
        learning_class=learning_class,
        date=datetime.date(2026, 3, 2),
        hours=Decimal(4),
    )
    participation = Participation.objects.get(person=an)
    classes.mark_attendance(user=officer, session=session, present=[participation.pk])
    classes.close_class(
        user=officer,
        learning_class=learning_class,
        completed=[participation.pk],
        certified=[participation.pk],
        results={participation.pk: "Giỏi"},
    )
    line = _line(an)
    assert (line.hours, line.result) == (Decimal("4"), "Giỏi")
    assert line.participation is not None and line.participation.completed

    # Re-opened (the status moved back) and kept again: the same line, unchanged, not doubled.
    LearningClass.objects.filter(pk=learning_class.pk).update(status=LearningClass.Status.OPEN)
    learning_class.refresh_from_db()
    keep_class_entries(learning_class=learning_class)
    assert LearningEntry.objects.filter(person=an).count() == 1
    assert _line(an).pk == line.pk and _line(an).result == "Giỏi"


def test_a_class_kept_without_sessions_counts_its_hours_for_those_who_completed(
    world: World,
) -> None:
    learning_class = factories.learning_class(world)  # 12 hours, no session
    an = _person(world, "Nguyễn Văn An", "092185001234")
    binh = _person(world, "Trần Thị Bình", "092185001235")
    p_an = factories.participation(world, of=learning_class, person=an)
    factories.participation(world, of=learning_class, person=binh)
    Participation.objects.filter(pk=p_an.pk).update(completed=True)
    keep_class_entries(learning_class=learning_class)
    assert (_line(an).hours, _line(binh).hours) == (Decimal("12"), Decimal("0"))


def test_removing_a_participant_removes_their_line(world: World) -> None:
    learning_class = factories.learning_class(world)
    an = _person(world, "Nguyễn Văn An", "092185001234")
    classes.add_participants(user=world.commune_officer, learning_class=learning_class, people=[an])
    participation = Participation.objects.get(person=an)
    classes.remove_participant(user=world.commune_officer, participation=participation)
    assert not LearningEntry.objects.filter(person=an).exists()


def test_keeping_twice_writes_nothing_the_second_time(
    world: World, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    learning_class = factories.learning_class(world)
    people = [_person(world, f"Người Học {i}", f"0921850012{i:02d}") for i in range(5)]
    for person in people:
        factories.participation(world, of=learning_class, person=person)
    keep_class_entries(learning_class=learning_class)
    trail = AuditEntry.objects.count()
    # Participations, attendance sums, whether sessions exist, existing lines: four reads.
    with django_assert_num_queries(4):
        keep_class_entries(learning_class=learning_class)
    assert AuditEntry.objects.count() == trail
    assert LearningEntry.objects.filter(kind=LearningEntry.Kind.CLASS).count() == 5


def test_a_changed_class_title_reaches_every_line_and_is_audited(world: World) -> None:
    learning_class = factories.learning_class(world)
    an = _person(world, "Nguyễn Văn An", "092185001234")
    factories.participation(world, of=learning_class, person=an)
    keep_class_entries(learning_class=learning_class)
    learning_class.title = "Lớp tin học văn phòng"
    learning_class.save()
    keep_class_entries(learning_class=learning_class, person_ids=[an.pk])
    line = _line(an)
    assert line.title == "Lớp tin học văn phòng"
    assert AuditEntry.objects.for_object(line).filter(action="update").exists()


def _lines() -> list[tuple[int, int, str, Decimal, str, str]]:
    return sorted(
        LearningEntry.objects.filter(kind=LearningEntry.Kind.CLASS).values_list(
            "person_id", "year", "title", "hours", "result", "source"
        )
    )


def test_the_bulk_path_writes_what_the_class_actions_write_in_fixed_queries(
    world: World, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    people = [_person(world, f"Học Viên {i}", f"0921850013{i:02d}") for i in range(6)]
    with_sessions = factories.learning_class(world, title="Lớp có buổi học")
    without = factories.learning_class(
        world, title="Lớp không ghi buổi học", start=datetime.date(2025, 9, 1)
    )
    first = factories.session(world, of=with_sessions)
    for i, person in enumerate(people):
        in_sessions = factories.participation(world, of=with_sessions, person=person)
        if i % 2:
            Attendance.objects.create(session=first, participation=in_sessions)
        no_sessions = factories.participation(world, of=without, person=person)
        Participation.objects.filter(pk=no_sessions.pk).update(
            completed=i < 3, result="Đạt" if i < 3 else ""
        )
    trail = AuditEntry.objects.count()
    # Classes, participations, attendance sums, classes with sessions, existing lines; then
    # one insert for all twelve lines.
    with django_assert_num_queries(6):
        assert keep_entries_of_classes(classes=[with_sessions, without]) == 12
    assert AuditEntry.objects.count() == trail  # the caller writes one step for the import
    bulk = _lines()
    assert keep_entries_of_classes(classes=[with_sessions, without]) == 0  # idempotent

    LearningEntry.objects.all().delete()
    keep_class_entries(learning_class=with_sessions)
    keep_class_entries(learning_class=without)
    assert _lines() == bulk
    assert {h for (_p, y, _t, h, _r, _s) in bulk if y == 2025} == {Decimal("12"), Decimal("0")}


def test_the_bulk_path_corrects_a_line_that_drifted(world: World) -> None:
    learning_class = factories.learning_class(world)
    an = _person(world, "Nguyễn Văn An", "092185001234")
    factories.participation(world, of=learning_class, person=an)
    keep_entries_of_classes(classes=[learning_class])
    LearningEntry.objects.filter(person=an).update(title="Sai tên", hours=Decimal("99"))
    assert keep_entries_of_classes(classes=[learning_class]) == 1
    line = _line(an)
    assert (line.title, line.hours) == ("Lớp kỹ năng số cho người cao tuổi", Decimal("0"))
