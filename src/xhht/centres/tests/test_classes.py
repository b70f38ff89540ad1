"""Running a class: the actions (atomic, audited, scoped, keeping the learning record) and the
phone pages (search without diacritics inside the scope, never a CCCD)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from xhht.audit.models import AuditEntry
from xhht.audit.wording import step_label
from xhht.centres import classes
from xhht.centres.models import Attendance, LearningClass, LearningEntry, Participation
from xhht.centres.tests import factories
from xhht.core.workflow import StepRefused
from xhht.registry.models import Household, Person
from xhht.testing.world import World

START = datetime.date(2026, 3, 2)


def _person(w: World, name: str, household: Household, year: int = 1980) -> Person:
    return Person.objects.create(
        full_name=name,
        sex=Person.Sex.FEMALE,
        birth_year=year,
        place=household.place,
        household=household,
    )


def _class(w: World, user: Any) -> LearningClass:
    return classes.create_class(
        user=user,
        topic=factories.topic(),
        title="Lớp kỹ năng số",
        place=w.commune,
        centre=w.once("centre", factories.centre),
        start_date=START,
        organiser=w.body,
        partners=[w.other_body],
        teachers="Trần Văn Bảy",
    )


@pytest.fixture
def officer(world: World) -> Any:
    return factories.centre_officer(world)


@pytest.fixture
def household(world: World) -> Household:
    return Household.objects.create(code="KV1-001", place=world.hamlet, head_name="Nguyễn Văn An")


def test_a_centre_officer_runs_a_class_and_the_learning_record_follows(
    world: World, officer: Any, household: Household
) -> None:
    an = _person(world, "Nguyễn Văn An", household)
    binh = _person(world, "Trần Thị Bình", household)
    learning_class = _class(world, officer)
    assert learning_class.place == world.commune
    assert list(learning_class.partners.all()) == [world.other_body]
    first = classes.add_session(
        user=officer, learning_class=learning_class, date=START, hours=Decimal("3")
    )
    classes.add_session(user=officer, learning_class=learning_class, date=START, hours=Decimal("2"))
    assert (
        classes.add_participants(user=officer, learning_class=learning_class, people=[an, binh])
        == 2
    )
    assert classes.add_participants(user=officer, learning_class=learning_class, people=[an]) == 0
    p_an = Participation.objects.get(person=an)
    classes.mark_attendance(user=officer, session=first, present={p_an.pk})
    entry = LearningEntry.objects.get(person=an)
    assert entry.kind == LearningEntry.Kind.CLASS and entry.hours == Decimal("3")
    assert LearningEntry.objects.get(person=binh).hours == 0
    classes.close_class(
        user=officer,
        learning_class=learning_class,
        completed={p_an.pk},
        certified={p_an.pk},
        results={p_an.pk: "Khá"},
    )
    learning_class.refresh_from_db()
    assert learning_class.status == LearningClass.Status.CLOSED
    assert learning_class.certificates_issued == 1
    assert learning_class.hours == Decimal("5")
    entry.refresh_from_db()
    assert entry.result == "Khá" and entry.year == 2026
    steps = set(AuditEntry.objects.values_list("step", flat=True))
    assert {"mark_attendance", "close_class"} <= steps
    assert step_label("close_class") == "Kết thúc lớp học"  # the trail names the step


def test_a_closed_class_refuses_every_change(
    world: World, officer: Any, household: Household
) -> None:
    learning_class = _class(world, officer)
    classes.close_class(user=officer, learning_class=learning_class, completed=(), certified=())
    with pytest.raises(StepRefused, match="đã kết thúc"):
        classes.add_session(
            user=officer, learning_class=learning_class, date=START, hours=Decimal("2")
        )
    with pytest.raises(StepRefused):
        classes.add_participants(
            user=officer, learning_class=learning_class, people=[_person(world, "A", household)]
        )


def test_people_outside_the_scope_are_never_added(world: World, officer: Any) -> None:
    elsewhere = Household.objects.create(code="CK-1", place=world.other_hamlet, head_name="X")
    stranger = _person(world, "Lê Văn Cường", elsewhere)
    learning_class = _class(world, officer)
    with pytest.raises(StepRefused, match="không thuộc địa bàn"):
        classes.add_participants(user=officer, learning_class=learning_class, people=[stranger])
    assert not Participation.objects.exists()


def test_an_officer_of_another_commune_cannot_touch_the_class(world: World, officer: Any) -> None:
    learning_class = _class(world, officer)
    with pytest.raises(PermissionDenied):
        classes.add_session(
            user=world.other_officer, learning_class=learning_class, date=START, hours=Decimal("2")
        )
    with pytest.raises(PermissionDenied):
        classes.create_class(
            user=officer,
            topic=factories.topic(),
            title="Lớp ở xã khác",
            place=world.other_commune,
            start_date=START,
        )


def test_a_certificate_needs_completion_and_nothing_is_half_saved(
    world: World, officer: Any, household: Household
) -> None:
    learning_class = _class(world, officer)
    an = _person(world, "Nguyễn Văn An", household)
    classes.add_participants(user=officer, learning_class=learning_class, people=[an])
    p_an = Participation.objects.get()
    with pytest.raises(StepRefused, match="hoàn thành"):
        classes.close_class(
            user=officer, learning_class=learning_class, completed=(), certified={p_an.pk}
        )
    learning_class.refresh_from_db()
    assert learning_class.status != LearningClass.Status.CLOSED


def test_head_counts_are_kept_by_sex_and_age_group(world: World, officer: Any) -> None:
    learning_class = _class(world, officer)
    classes.set_head_counts(
        user=officer,
        learning_class=learning_class,
        counts={("F", "36_60"): 12, ("M", "over_60"): 3},
    )
    classes.set_head_counts(
        user=officer,
        learning_class=learning_class,
        counts={("F", "36_60"): 10, ("M", "over_60"): 0},
    )
    assert list(learning_class.head_counts.values_list("sex", "age_group", "count")) == [
        ("F", "36_60", 10)
    ]


def test_attendance_is_exactly_the_ticked_list(
    world: World, officer: Any, household: Household
) -> None:
    learning_class = _class(world, officer)
    session = classes.add_session(
        user=officer, learning_class=learning_class, date=START, hours=Decimal("2")
    )
    people = [_person(world, f"Người {i}", household) for i in range(3)]
    classes.add_participants(user=officer, learning_class=learning_class, people=people)
    ids = list(Participation.objects.order_by("pk").values_list("pk", flat=True))
    classes.mark_attendance(user=officer, session=session, present=set(ids[:2]))
    classes.mark_attendance(user=officer, session=session, present={ids[2]})
    assert list(Attendance.objects.values_list("participation_id", flat=True)) == [ids[2]]


# --- pages ------------------------------------------------------------------------------------


def test_the_search_finds_people_without_diacritics_within_scope_and_never_shows_a_cccd(
    world: World, officer: Any, household: Household, client_for: Any
) -> None:
    an = _person(world, "Nguyễn Văn An", household)
    an.set_cccd("092301000123")
    an.save()
    elsewhere = Household.objects.create(code="CK-1", place=world.other_hamlet, head_name="X")
    _person(world, "Nguyễn Văn Anh", elsewhere)
    learning_class = _class(world, officer)
    url = reverse("centres:class_participants", args=[learning_class.pk])
    body = client_for(officer).get(url, {"q": "nguyen van an"}).content.decode()
    assert "Nguyễn Văn An" in body
    assert "Nguyễn Văn Anh" not in body  # another commune
    assert "092301000123" not in body and "123" not in body.split("person-results")[1][:2000]


def test_the_pages_create_a_class_add_people_mark_attendance_and_close_it(
    world: World, officer: Any, household: Household, client_for: Any
) -> None:
    an = _person(world, "Nguyễn Văn An", household)
    client = client_for(officer)
    centre = world.once("centre", factories.centre)
    response = client.post(
        reverse("centres:class_create"),
        {
            "topic": factories.topic().pk,
            "title": "Lớp tin học cơ bản",
            "centre": centre.pk,
            "start_date": "2026-03-02",
            "partners": [world.body.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    learning_class = LearningClass.objects.get()
    client.post(
        reverse("centres:class_session_add", args=[learning_class.pk]),
        {"date": "2026-03-02", "hours": "2"},
    )
    client.post(
        reverse("centres:class_participants", args=[learning_class.pk]), {"person": [an.pk]}
    )
    participation = Participation.objects.get()
    session = learning_class.sessions.get()
    client.post(
        reverse("centres:class_attendance", args=[session.pk]), {"present": [participation.pk]}
    )
    client.post(
        reverse("centres:class_close", args=[learning_class.pk]),
        {
            "completed": [participation.pk],
            "certified": [participation.pk],
            f"result_{participation.pk}": "Đạt",
        },
    )
    learning_class.refresh_from_db()
    assert learning_class.status == LearningClass.Status.CLOSED
    entry = LearningEntry.objects.get(person=an)
    assert entry.hours == Decimal("2") and entry.result == "Đạt"
    detail = client.get(reverse("centres:class_detail", args=[learning_class.pk])).content.decode()
    assert "Đã kết thúc" in detail and "Thêm buổi học" not in detail


def test_a_refused_step_is_shown_and_saves_nothing(
    world: World, officer: Any, client_for: Any
) -> None:
    learning_class = _class(world, officer)
    response = client_for(officer).post(
        reverse("centres:class_session_add", args=[learning_class.pk]),
        {"date": "2025-01-01", "hours": "2"},
        follow=True,
    )
    assert "Ngày học phải nằm trong thời gian của lớp" in response.content.decode()
    assert not learning_class.sessions.exists()


def test_the_list_shows_only_classes_in_scope(
    world: World, officer: Any, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    _class(world, officer)
    other = factories.centre(world, code="TT-CK", place=world.other_commune, name="TT Cái Khế")
    factories.learning_class(world, at=other, title="Lớp của phường Cái Khế")
    client = client_for(officer)
    with django_assert_max_num_queries(12):
        body = client.get(reverse("centres:class_list")).content.decode()
    assert "Lớp kỹ năng số" in body and "Cái Khế" not in body
    other_class = LearningClass.objects.get(title="Lớp của phường Cái Khế")
    assert client.get(reverse("centres:class_detail", args=[other_class.pk])).status_code == 404


def test_removing_a_participant_takes_the_class_off_their_learning_record(
    world: World, officer: Any, household: Household, client_for: Any
) -> None:
    learning_class = _class(world, officer)
    an = _person(world, "Nguyễn Văn An", household)
    classes.add_participants(user=officer, learning_class=learning_class, people=[an])
    assert LearningEntry.objects.filter(person=an).exists()
    participation = Participation.objects.get()
    response = client_for(officer).post(
        reverse("centres:class_participant_remove", args=[participation.pk])
    )
    assert response.status_code == 302
    assert not Participation.objects.exists() and not LearningEntry.objects.exists()


def test_the_search_answers_htmx_with_the_results_only(
    world: World, officer: Any, household: Household, client_for: Any
) -> None:
    _person(world, "Trần Thị Bình", household)
    learning_class = _class(world, officer)
    response = client_for(officer).get(
        reverse("centres:class_participants", args=[learning_class.pk]),
        {"q": "TRAN thi binh"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert body.startswith('<div id="person-results"') and "Trần Thị Bình" in body
    assert "<html" not in body


def test_head_counts_are_entered_on_their_page(world: World, officer: Any, client_for: Any) -> None:
    learning_class = _class(world, officer)
    data = {
        f"{sex}_{group}": 0
        for sex in ("M", "F")
        for group in ("under_15", "15_35", "36_60", "over_60")
    }
    data["F_36_60"] = 25
    response = client_for(officer).post(
        reverse("centres:class_head_counts", args=[learning_class.pk]), data
    )
    assert response.status_code == 302
    assert learning_class.head_counts.get().count == 25
    detail = client_for(officer).get(reverse("centres:class_detail", args=[learning_class.pk]))
    assert "Từ 36 đến 60 tuổi: 25" in detail.content.decode()


@pytest.mark.parametrize("size", [2, 30])
def test_the_class_page_reads_a_fixed_number_of_queries(
    world: World,
    officer: Any,
    household: Household,
    client_for: Any,
    django_assert_max_num_queries: Any,
    size: int,
) -> None:
    learning_class = _class(world, officer)
    people = [_person(world, f"Người {i}", household) for i in range(size)]
    classes.add_participants(user=officer, learning_class=learning_class, people=people)
    for _day in range(3):
        classes.add_session(
            user=officer, learning_class=learning_class, date=START, hours=Decimal("2")
        )
    client = client_for(officer)
    with django_assert_max_num_queries(14):
        client.get(reverse("centres:class_detail", args=[learning_class.pk]))
    session = learning_class.sessions.first()
    assert session is not None
    with django_assert_max_num_queries(12):
        client.get(reverse("centres:class_attendance", args=[session.pk]))
    with django_assert_max_num_queries(12):
        client.get(reverse("centres:class_close", args=[learning_class.pk]))
