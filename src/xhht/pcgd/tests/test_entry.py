"""Entering schooling and literacy per household: the screen saves every member at once or
nothing, bad input gets a Vietnamese message on its field, past years are history, and only an
officer with MANAGE_PCGD over the household's place may write."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from xhht.audit.models import AuditEntry
from xhht.pcgd import entry
from xhht.pcgd.models import (
    Departure,
    Dossier,
    LiteracyRecord,
    SchoolingRecord,
    current_school_year,
)
from xhht.places.models import Level, Place
from xhht.registry.models import Household, Person
from xhht.testing.world import World

YEAR = current_school_year()


def _person(household: Household, name: str, age: int) -> Person:
    return Person.objects.create(
        full_name=name,
        sex=Person.Sex.FEMALE,
        birth_year=YEAR - age,
        place=household.place,
        household=household,
    )


@pytest.fixture
def household(world: World) -> Household:
    return Household.objects.create(code="KV1-009", place=world.hamlet, head_name="Lê Văn Hai")


@pytest.fixture
def family(household: Household) -> dict[str, Person]:
    return {
        "father": _person(household, "Lê Văn Hai", 40),
        "child": _person(household, "Lê Thị Mai", 10),
        "teen": _person(household, "Lê Văn Nam", 16),
        "grandma": _person(household, "Trần Thị Tư", 75),
    }


def _url(household: Household) -> str:
    return reverse("pcgd:entry_household", args=[household.pk])


def _post(family: dict[str, Person], **extra: Any) -> dict[str, Any]:
    child, teen, father = family["child"].pk, family["teen"].pk, family["father"].pk
    data: dict[str, Any] = {
        f"s{child}-status": "enrolled",
        f"s{child}-level": "primary",
        f"s{child}-grade": "5",
        f"s{child}-school_name": "Trường Tiểu học An Bình",
        f"s{teen}-status": "enrolled",
        f"s{teen}-level": "upper_secondary",
        f"s{teen}-grade": "10",
        f"s{teen}-primary_completed_year": str(YEAR - 4),
        f"s{teen}-lower_secondary_diploma_year": str(YEAR),
        f"l{father}-level": "2",
        f"l{father}-method": "schooling",
    }
    data.update(extra)
    return data


def test_the_officer_saves_a_whole_household_at_once_and_each_change_is_audited(
    world: World, client_for: Any, household: Household, family: dict[str, Person]
) -> None:
    client = client_for(world.commune_officer)
    page = client.get(_url(household))
    assert page.status_code == 200
    body = page.content.decode()
    assert f'name="s{family["child"].pk}-status"' in body
    assert f'name="l{family["father"].pk}-level"' in body
    assert f'name="s{family["grandma"].pk}-status"' not in body  # 75: no cohort
    assert f'name="l{family["grandma"].pk}-level"' not in body
    assert f'name="s{family["father"].pk}-status"' not in body  # 40: no schooling asked

    response = client.post(_url(household), _post(family))

    assert response.status_code == 302
    child = SchoolingRecord.objects.get(person=family["child"], school_year=YEAR)
    assert (child.status, child.level, child.grade) == ("enrolled", "primary", 5)
    teen = SchoolingRecord.objects.get(person=family["teen"])
    assert teen.lower_secondary_diploma_year == YEAR
    # The teen (16) is also an adult of 15–60: a blank literacy form writes nothing.
    assert LiteracyRecord.objects.get().person == family["father"]
    entries = AuditEntry.objects.filter(actor=world.commune_officer, action="create")
    written = entries.filter(content_type__model__in=["schoolingrecord", "literacyrecord"])
    assert [e.place_id for e in written] == [world.hamlet.pk] * 3


def test_a_grade_that_does_not_match_the_level_saves_nothing_and_says_so(
    world: World, client_for: Any, household: Household, family: dict[str, Person]
) -> None:
    data = _post(family, **{f"s{family['child'].pk}-grade": "7"})

    response = client_for(world.commune_officer).post(_url(household), data)

    assert response.status_code == 400
    assert "Lớp không thuộc cấp học đã chọn." in response.content.decode()
    assert not SchoolingRecord.objects.exists()  # not even the teen's valid row
    assert not LiteracyRecord.objects.exists()


def test_a_completion_year_in_the_future_is_refused(
    world: World, client_for: Any, household: Household, family: dict[str, Person]
) -> None:
    later = YEAR + 3
    data = _post(family, **{f"s{family['teen'].pk}-lower_secondary_diploma_year": str(later)})

    response = client_for(world.commune_officer).post(_url(household), data)

    assert response.status_code == 400
    assert "Năm không được sau năm kết thúc năm học hiện tại" in response.content.decode()
    assert not SchoolingRecord.objects.exists()


def test_a_status_is_asked_for_when_other_fields_are_filled(
    world: World, client_for: Any, household: Household, family: dict[str, Person]
) -> None:
    data = _post(family, **{f"s{family['child'].pk}-status": ""})

    response = client_for(world.commune_officer).post(_url(household), data)

    assert response.status_code == 400
    assert "Chọn tình trạng học tập của năm học." in response.content.decode()


def test_past_years_are_shown_as_history_and_cannot_be_changed(
    world: World, client_for: Any, household: Household, family: dict[str, Person]
) -> None:
    teen = family["teen"]
    SchoolingRecord.objects.create(
        person=teen,
        school_year=YEAR - 1,
        status="enrolled",
        level="lower_secondary",
        grade=9,
        primary_completed_year=YEAR - 4,
        lower_secondary_diploma_year=YEAR,
    )
    page = client_for(world.commune_officer).get(_url(household)).content.decode()
    assert f'data-testid="history-{teen.pk}"' in page
    # The new year starts from the completions written the year before.
    assert f'name="s{teen.pk}-lower_secondary_diploma_year" value="{YEAR}"' in page

    with pytest.raises(entry.EntryRefused, match="Năm học đã qua"):
        entry.record_schooling(
            user=world.commune_officer,
            person=teen,
            school_year=YEAR - 1,
            values=entry.SchoolingValues(status="dropped_out"),
        )
    assert SchoolingRecord.objects.get().status == "enrolled"


def test_a_new_year_row_carries_the_completions_forward(
    world: World, family: dict[str, Person]
) -> None:
    teen = family["teen"]
    SchoolingRecord.objects.create(
        person=teen,
        school_year=YEAR - 1,
        status="enrolled",
        level="lower_secondary",
        grade=9,
        primary_completed_year=YEAR - 4,
        lower_secondary_diploma_year=YEAR,
    )

    start = entry.starting_values(teen, YEAR)

    assert start.pk is None
    assert (start.primary_completed_year, start.lower_secondary_diploma_year) == (YEAR - 4, YEAR)


def test_only_officers_managing_the_place_may_enter(
    world: World, client_for: Any, household: Household, family: dict[str, Person]
) -> None:
    for user in (world.other_officer, world.outsider, world.reviewer):
        assert client_for(user).get(_url(household)).status_code == 404
        assert client_for(user).post(_url(household), _post(family)).status_code == 404
    assert not SchoolingRecord.objects.exists()
    with pytest.raises(PermissionDenied):
        entry.record_literacy(
            user=world.other_officer,
            person=family["father"],
            values=entry.LiteracyValues(level=LiteracyRecord.Level.LEVEL_2),
        )


def test_the_hamlet_head_enters_their_own_hamlets_households_only(
    world: World, client_for: Any, household: Household, family: dict[str, Person]
) -> None:
    """The survey is done hamlet by hamlet: the hamlet head enters their hamlet's households, not
    another hamlet's of the same commune, and none of the commune's own steps."""
    client = client_for(world.hamlet_head)
    assert client.get(reverse("pcgd:entry_hamlet", args=[world.hamlet.pk])).status_code == 200
    assert client.get(_url(household)).status_code == 200

    saved = client.post(_url(household), _post(family))

    assert saved.status_code == 302
    assert SchoolingRecord.objects.filter(person__household=household).count() == 2
    assert AuditEntry.objects.filter(actor=world.hamlet_head).exists()
    next_hamlet = Place.objects.create(
        level=Level.HAMLET, code="31135-002", name="Khu vực 2", kind="khu vực", parent=world.commune
    )
    far = Household.objects.create(code="KV2-009", place=next_hamlet, head_name="Lý Văn Ba")
    far_child = _person(far, "Lý Thị Bảy", 10)
    assert client.get(_url(far)).status_code == 404
    post = {f"s{far_child.pk}-status": "enrolled", f"s{far_child.pk}-level": "primary"}
    assert client.post(_url(far), post).status_code == 404
    assert client.get(reverse("pcgd:entry_hamlet", args=[next_hamlet.pk])).status_code == 404
    assert client.get(reverse("pcgd:entry_hamlet", args=[world.other_hamlet.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        entry.record_literacy(
            user=world.hamlet_head,
            person=far_child,
            values=entry.LiteracyValues(level=LiteracyRecord.Level.LEVEL_2),
        )
    assert not SchoolingRecord.objects.filter(person=far_child).exists()
    # The commune's steps stay the commune's: the schools' lists and the recognition file.
    assert client.get(reverse("pcgd:import_school")).status_code == 403
    assert client.get(reverse("pcgd:import_template")).status_code == 403
    assert client.post(reverse("pcgd:import_confirm")).status_code == 403
    submit = client.post(reverse("pcgd:dossier_submit", args=[world.commune.pk]), {"codes": "x"})
    assert submit.status_code == 404
    assert not Dossier.objects.exists()


def test_literacy_reached_before_birth_is_refused(world: World, family: dict[str, Person]) -> None:
    with pytest.raises(entry.EntryRefused) as refused:
        entry.record_literacy(
            user=world.commune_officer,
            person=family["father"],
            values=entry.LiteracyValues(level=2, reached_year=YEAR - 60, method="schooling"),
        )
    assert "Năm đạt không được trước năm sinh." in " ".join(refused.value.problems)
    assert not LiteracyRecord.objects.exists()


def test_the_screen_reads_a_fixed_number_of_queries_whatever_the_household_size(
    world: World,
    client_for: Any,
    household: Household,
    family: dict[str, Person],
    django_assert_max_num_queries: Any,
) -> None:
    for n in range(12):
        child = _person(household, f"Lê Văn Con {n}", 6 + n)
        SchoolingRecord.objects.create(person=child, school_year=YEAR - 1, status="not_in_school")
    client = client_for(world.commune_officer)
    with django_assert_max_num_queries(14):
        assert client.get(_url(household)).status_code == 200


def test_the_household_page_and_the_hamlet_list_lead_to_the_entry_screen(
    world: World,
    client_for: Any,
    household: Household,
    family: dict[str, Person],
    django_assert_max_num_queries: Any,
) -> None:
    client = client_for(world.commune_officer)
    detail = client.get(reverse("registry:household_detail", args=[household.pk]))
    assert _url(household) in detail.content.decode()
    # The hamlet head enters their hamlet's survey from the household page too; a reviewer, who
    # reads the household but does not enter the survey, gets no link to a 404.
    seen = client_for(world.hamlet_head).get(
        reverse("registry:household_detail", args=[household.pk])
    )
    assert seen.status_code == 200 and _url(household) in seen.content.decode()
    read = client_for(world.reviewer).get(reverse("registry:household_detail", args=[household.pk]))
    assert read.status_code == 200 and _url(household) not in read.content.decode()
    SchoolingRecord.objects.create(person=family["child"], school_year=YEAR, status="not_in_school")
    for n in range(30):
        Household.objects.create(code=f"KV1-1{n:02}", place=world.hamlet, head_name=f"Hộ {n}")

    with django_assert_max_num_queries(10):
        page = client.get(reverse("pcgd:entry_hamlet", args=[world.hamlet.pk]))

    body = page.content.decode()
    assert _url(household) in body
    assert '<td class="num">4</td><td class="num">1</td>' in body  # members, recorded
    found = client.get(reverse("pcgd:entry_hamlet", args=[world.hamlet.pk]), {"q": "le van hai"})
    assert found.content.decode().count("/pcgd/households/") == 1
    commune = client.get(reverse("pcgd:entry_hamlet", args=[world.commune.pk]))
    assert commune.status_code == 404  # a hamlet's households only


def test_a_member_who_moved_away_for_good_has_nothing_to_enter(
    world: World, client_for: Any, household: Household, family: dict[str, Person]
) -> None:
    Departure.objects.create(
        person=family["teen"], kind=Departure.Kind.MOVED_AWAY, left_on=datetime.date(YEAR, 10, 1)
    )

    body = client_for(world.commune_officer).get(_url(household)).content.decode()

    assert f'data-testid="departed-{family["teen"].pk}"' in body
    assert f'name="s{family["teen"].pk}-status"' not in body
    assert f'name="s{family["child"].pk}-status"' in body


def test_a_completion_year_before_birth_is_refused_and_named(
    world: World, client_for: Any, household: Household, family: dict[str, Person]
) -> None:
    data = _post(family, **{f"s{family['teen'].pk}-primary_completed_year": str(YEAR - 20)})

    response = client_for(world.commune_officer).post(_url(household), data)

    assert response.status_code == 400
    assert "Lê Văn Nam: Năm hoàn thành phải sau năm sinh." in response.content.decode()
    assert not SchoolingRecord.objects.exists() and not LiteracyRecord.objects.exists()


def test_a_school_of_another_commune_written_by_an_import_stays_selectable(
    world: World, client_for: Any, household: Household, family: dict[str, Person]
) -> None:
    from xhht.centres.models import Centre

    school = Centre.objects.create(
        code="TH-CK",
        name="Trường Tiểu học Cái Khế",
        kind=Centre.Kind.SCHOOL,
        place=world.other_commune,
    )
    child = family["child"]
    SchoolingRecord.objects.create(
        person=child, school_year=YEAR, status="enrolled", level="primary", grade=4, school=school
    )
    client = client_for(world.commune_officer)
    assert "Trường Tiểu học Cái Khế" in client.get(_url(household)).content.decode()

    data = _post(family, **{f"s{child.pk}-grade": "5", f"s{child.pk}-school": str(school.pk)})
    response = client.post(_url(household), data)

    assert response.status_code == 302
    assert SchoolingRecord.objects.get(person=child).grade == 5


def test_literacy_reached_otherwise_than_by_a_class_drops_the_class(
    world: World, client_for: Any, household: Household, family: dict[str, Person]
) -> None:
    from xhht.centres.tests import factories as centre_factories

    father = family["father"]
    LiteracyRecord.objects.create(
        person=father,
        level=1,
        method=LiteracyRecord.Method.LITERACY_CLASS,
        learning_class=centre_factories.learning_class(world),
    )

    response = client_for(world.commune_officer).post(
        _url(household), _post(family, **{f"l{father.pk}-method": "other"})
    )

    assert response.status_code == 302
    record = LiteracyRecord.objects.get(person=father)
    assert (record.level, record.method, record.learning_class) == (2, "other", None)
