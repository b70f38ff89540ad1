"""The lists people work from: each cohort's missing people per commune or hamlet (as many as
the engine's figure is short), scoped (the hamlet head sees the hamlet), exported as XLSX and
printed per hamlet; the illiterate adults invited to a literacy class through centres' step."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from django.urls import reverse

from xhht.centres.models import LearningClass, Participation, Topic
from xhht.centres.tests import factories as centre_factories
from xhht.pcgd import engine
from xhht.pcgd.models import Cohort, LiteracyRecord, SchoolingRecord, current_school_year
from xhht.places.models import Level, Place
from xhht.registry.models import Household, Person
from xhht.testing.world import World

YEAR = current_school_year()


def _person(household: Household, name: str, age: int, **more: Any) -> Person:
    return Person.objects.create(
        full_name=name,
        sex=Person.Sex.MALE,
        birth_year=YEAR - age,
        place=household.place,
        household=household,
        **more,
    )


def _row(person: Person, **fields: Any) -> SchoolingRecord:
    return SchoolingRecord.objects.create(person=person, school_year=YEAR, **fields)


@pytest.fixture
def second_hamlet(world: World) -> Place:
    return Place.objects.create(
        level=Level.HAMLET, code="31135-002", name="Khu vực 2", kind="khu vực", parent=world.commune
    )


@pytest.fixture
def people(world: World, second_hamlet: Place) -> dict[str, Person]:
    home = Household.objects.create(code="KV1-031", place=world.hamlet, head_name="Đinh Văn Một")
    far = Household.objects.create(code="KV2-001", place=second_hamlet, head_name="Lý Văn Hai")
    away = Household.objects.create(code="CK-031", place=world.other_hamlet, head_name="Hộ Khác")
    found = {
        "five_home": _person(home, "Đinh Văn Năm", 5),  # no row: not attending
        "five_school": _person(home, "Đinh Thị Bé", 5),
        "six_none": _person(home, "Đinh Văn Sáu", 6),
        "teen": _person(home, "Đinh Văn Mười Sáu", 16),
        "teen_exempt": _person(home, "Đinh Văn Miễn", 16),
        "adult": _person(home, "Đinh Văn Một", 40),
        "graduate": _person(home, "Đinh Thị Học", 35, education=Person.Education.UNIVERSITY),
        "far_teen": _person(far, "Lý Văn Xa", 17),
        "elsewhere": _person(away, "Người Xã Khác", 16),
    }
    _row(found["five_school"], status="enrolled", level="preschool")
    _row(found["teen"], status="enrolled", level="upper_secondary", grade=10)
    _row(found["teen_exempt"], status="not_in_school", exempt_disability=True)
    LiteracyRecord.objects.create(person=found["adult"], level=LiteracyRecord.Level.NONE)
    return found


def _lists(place: Place, cohort: str) -> str:
    return reverse("pcgd:lists", args=[place.pk]) + f"?cohort={cohort}&year={YEAR}"


def test_the_commune_officer_sees_who_each_cohort_is_missing_with_household_and_hamlet(
    world: World, client_for: Any, people: dict[str, Person]
) -> None:
    client = client_for(world.commune_officer)

    body = client.get(_lists(world.commune, Cohort.THCS_DIPLOMA_15_18)).content.decode()

    assert "Đinh Văn Mười Sáu" in body and "Lý Văn Xa" in body
    assert "Khu vực 2" in body
    entry_link = reverse("pcgd:entry_household", args=[people["teen"].household_id])
    assert entry_link in body
    assert "Đinh Văn Miễn" not in body  # exempt disability: out of the cohort
    assert "Người Xã Khác" not in body
    five = client.get(_lists(world.commune, Cohort.MN5_ATTENDING)).content.decode()
    assert "Đinh Văn Năm" in five and "Đinh Thị Bé" not in five
    adults = client.get(_lists(world.commune, Cohort.LITERATE2_15_60)).content.decode()
    assert "Đinh Văn Một" in adults and "Đinh Thị Học" not in adults
    assert "Chưa biết chữ" in adults


def test_each_list_is_as_long_as_the_engine_figure_is_short(
    world: World, people: dict[str, Person]
) -> None:
    from xhht.pcgd import lists

    figures = engine.compute([world.commune], YEAR)[world.commune.pk].figures
    counted = lists.counts(world.commune, YEAR)
    for cohort, n in counted.items():
        figure = figures[cohort]
        assert n == figure.denominator - figure.numerator, cohort
    assert counted[Cohort.THCS_DIPLOMA_15_18] == 2


def test_opened_without_a_choice_the_page_shows_the_first_list_with_someone_to_visit(
    world: World, client_for: Any
) -> None:
    home = Household.objects.create(code="KV1-040", place=world.hamlet, head_name="Đinh Văn Bốn")
    teen = _person(home, "Đinh Văn Mười Bảy", 17)  # no diploma; nobody younger is missing
    _row(teen, status="dropped_out")

    body = client_for(world.hamlet_head).get(reverse("pcgd:lists", args=[world.hamlet.pk]))

    page = body.content.decode()
    assert f'aria-current="page" data-testid="tab-{Cohort.THCS_DIPLOMA_15_18}"' in page
    assert "Đinh Văn Mười Bảy" in page
    chosen = client_for(world.hamlet_head).get(_lists(world.hamlet, Cohort.MN5_ATTENDING))
    assert "Đinh Văn Mười Bảy" not in chosen.content.decode()  # a chosen list stays chosen


def test_the_hamlet_head_sees_their_hamlet_only(
    world: World, client_for: Any, people: dict[str, Person], second_hamlet: Place
) -> None:
    client = client_for(world.hamlet_head)

    body = client.get(_lists(world.hamlet, Cohort.THCS_DIPLOMA_15_18)).content.decode()

    assert "Đinh Văn Mười Sáu" in body and "Lý Văn Xa" not in body
    # They enter their hamlet's households from the list, but the schools' lists are the commune's.
    assert reverse("pcgd:entry_household", args=[people["teen"].household_id]) in body
    assert reverse("pcgd:entry_hamlet", args=[world.hamlet.pk]) in body
    assert 'data-testid="import-school"' not in body
    far = reverse("pcgd:entry_household", args=[people["far_teen"].household_id])
    assert client.get(far).status_code == 404
    assert (
        'data-testid="invite-form"'
        not in client.get(_lists(world.hamlet, Cohort.LITERATE2_15_60)).content.decode()
    )
    assert client.get(_lists(world.commune, Cohort.THCS_DIPLOMA_15_18)).status_code == 404
    assert client.get(_lists(second_hamlet, Cohort.THCS_DIPLOMA_15_18)).status_code == 404
    assert client_for(world.other_officer).get(_lists(world.hamlet, "x")).status_code == 404


def test_the_lists_export_as_a_workbook_with_a_sheet_per_list(
    world: World, client_for: Any, people: dict[str, Person]
) -> None:
    client = client_for(world.commune_officer)

    response = client.get(reverse("pcgd:lists_export", args=[world.hamlet.pk]))

    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert len(book.worksheets) == 6
    teens = book.worksheets[4]
    values = [[c.value for c in row] for row in teens.iter_rows(min_row=3)]
    assert values == [
        [
            1,
            "Đinh Văn Mười Sáu",
            YEAR - 16,
            "Nam",
            "Đinh Văn Một",
            "KV1-031",
            "Khu vực 1",
            "Đang học, Trung học phổ thông, lớp 10",
        ],
    ]
    assert teens["A1"].value.startswith("Thanh thiếu niên 15–18 tuổi chưa tốt nghiệp THCS")


def test_the_printed_lists_give_each_hamlet_its_own_page(
    world: World, client_for: Any, people: dict[str, Person]
) -> None:
    body = (
        client_for(world.commune_officer)
        .get(reverse("pcgd:lists_print", args=[world.commune.pk]))
        .content.decode()
    )

    assert "pcgd/lists.css" in body
    first, second = body.split('data-testid="printed-hamlet"')[1:]
    assert "Danh sách cần vận động – Khu vực 1" in first and "Đinh Văn Mười Sáu" in first
    assert "Lý Văn Xa" not in first
    assert "Danh sách cần vận động – Khu vực 2" in second and "Lý Văn Xa" in second
    assert (
        second.count("Không còn ai trong danh sách này.") == 4
    )  # he is on two lists: 15–18, literacy


@pytest.fixture
def literacy_class(world: World) -> LearningClass:
    learning_class = centre_factories.learning_class(world, title="Lớp xóa mù chữ khu vực 1")
    learning_class.topic = Topic.objects.get(code=Topic.LITERACY, province=None)
    learning_class.save()
    return learning_class


def test_illiterate_adults_are_invited_to_a_literacy_class_through_the_class_step(
    world: World, client_for: Any, people: dict[str, Person], literacy_class: LearningClass
) -> None:
    client = client_for(world.commune_officer)
    url = reverse("pcgd:lists_invite", args=[world.hamlet.pk])
    page = client.get(_lists(world.hamlet, Cohort.LITERATE2_15_60)).content.decode()
    assert "Lớp xóa mù chữ khu vực 1" in page

    response = client.post(
        url, {"learning_class": literacy_class.pk, "person": [people["adult"].pk]}
    )

    assert response.status_code == 302
    assert list(Participation.objects.values_list("person_id", flat=True)) == [people["adult"].pk]
    # Someone not on the list (literate), or another topic's class: nobody is added.
    client.post(url, {"learning_class": literacy_class.pk, "person": [people["graduate"].pk]})
    other = centre_factories.learning_class(world, title="Lớp kỹ năng số")
    client.post(url, {"learning_class": other.pk, "person": [people["adult"].pk]})
    assert Participation.objects.count() == 1
    # The hamlet head may not invite.
    head = client_for(world.hamlet_head).post(
        url, {"learning_class": literacy_class.pk, "person": [people["adult"].pk]}
    )
    assert head.status_code == 403


def test_a_long_list_reads_a_fixed_number_of_queries(
    world: World,
    client_for: Any,
    people: dict[str, Person],
    django_assert_max_num_queries: Any,
) -> None:
    home = Household.objects.create(code="KV1-200", place=world.hamlet, head_name="Hộ đông")
    for n in range(60):
        _person(home, f"Trẻ Số {n}", 16)
    client = client_for(world.commune_officer)
    # Session, user, roles, place; a COUNT per list (6); the page's count and rows; classes.
    with django_assert_max_num_queries(20):
        page = client.get(_lists(world.commune, Cohort.THCS_DIPLOMA_15_18))
    assert page.content.decode().count("Trẻ Số") == 49  # a page of 50, the first is the teen
