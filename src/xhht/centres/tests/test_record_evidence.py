"""The assessment page shows the members' learning of its year beside the items that ask about
learning: a family's members, a citizen's own, a community's people; never another year's or
another household's; in a fixed number of queries."""

from __future__ import annotations

import copy
import datetime

import pytest
from django.db.models import Q
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from xhht.centres import record
from xhht.centres.models import LearningEntry
from xhht.centres.record_evidence import members_filter, members_learning
from xhht.centres.record_items import asks_about_learning
from xhht.centres.tests import factories, record_factories
from xhht.criteria.definition import parse_definition
from xhht.criteria.models import CriteriaSet, Title
from xhht.recognition import actions
from xhht.recognition.models import Assessment
from xhht.recognition.tests.factories import (
    FAMILY_SET,
    family_assessment,
    make_household,
    make_person,
    make_set,
)
from xhht.registry.models import Clan, Household, Person, Unit
from xhht.testing.world import World

pytestmark = pytest.mark.django_db


def _took_class(world: World, person: Person, title: str, start: datetime.date) -> None:
    learning_class = factories.learning_class(world, title=title, start=start)
    factories.participation(world, of=learning_class, person=person)
    record.keep_class_entries(learning_class=learning_class)


def _community_set(world: World) -> CriteriaSet:
    """The test family set, as a community's (its items ask about learning too)."""
    data = copy.deepcopy(FAMILY_SET) | {"code": "test-cdht-community", "title": "community"}
    criteria_set = CriteriaSet(definition_json=data, province=world.province)
    criteria_set.copy_from_definition(parse_definition(data))
    criteria_set.save()
    return criteria_set


def _page(client: Client, assessment: Assessment) -> str:
    response = client.get(reverse("recognition:detail", args=[assessment.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_family_page_shows_a_members_class_of_that_year_only(
    client: Client, world: World
) -> None:
    household = make_household(world.hamlet, code="HO-001")
    member = make_person(world.hamlet, "Trần Thị Bình", household=household)
    neighbour = make_person(
        world.hamlet, "Đỗ Văn Cường", household=make_household(world.hamlet, code="HO-002")
    )
    _took_class(world, member, "Lớp kỹ năng số năm nay", datetime.date(2026, 3, 2))
    _took_class(world, member, "Lớp pháp luật năm trước", datetime.date(2025, 3, 2))
    _took_class(world, neighbour, "Lớp trồng rau của nhà bên", datetime.date(2026, 4, 6))
    assessment = family_assessment(world, household=household, year=2026)
    client.force_login(world.hamlet_head)
    page = _page(client, assessment)
    assert 'data-testid="learning-evidence"' in page
    assert "Lớp kỹ năng số năm nay" in page and "Trần Thị Bình" in page
    assert "Lớp pháp luật năm trước" not in page
    assert "Lớp trồng rau của nhà bên" not in page


def test_the_hint_stands_beside_the_items_that_ask_about_learning(
    client: Client, world: World
) -> None:
    assessment = family_assessment(world, year=2026)
    client.force_login(world.hamlet_head)
    page = _page(client, assessment)
    # Of the test set's items only 2.1 ("Người lớn biết chữ, tham gia học tập") asks.
    assert page.count('data-testid="learning-hint"') == 1
    assert "Sổ theo dõi học tập chưa có dòng nào của thành viên trong năm này." in page


def test_self_declared_lines_count_once_confirmed_and_refused_ones_not_at_all(
    client: Client, world: World
) -> None:
    person = world.once("citizen_person", record_factories.citizen_person)
    household = person.household
    assert isinstance(household, Household)
    waiting = record_factories.declared(world, person=person, title="Sách chờ xác nhận")
    refused = record_factories.declared(world, person=person, title="Sách bị từ chối")
    record.refuse_entry(user=world.commune_officer, entry=refused, reason="Không có minh chứng")
    confirmed = record_factories.declared(world, person=person, title="Khóa học đã xác nhận")
    record.confirm_entry(user=world.commune_officer, entry=confirmed)
    assessment = family_assessment(world, household=household, year=2026)
    client.force_login(world.hamlet_head)
    page = _page(client, assessment)
    assert waiting.title in page and "1 dòng tự khai chờ xác nhận" in page
    assert confirmed.title in page and "1 dòng học tập của 1 người, tổng 6 giờ." in page
    assert refused.title not in page


def test_a_citizen_sees_their_own_learning_on_their_assessment(
    client: Client, world: World
) -> None:
    make_set(world, Title.CITIZEN)
    person = world.once("citizen_person", record_factories.citizen_person)
    _took_class(world, person, "Lớp tin học cho phụ nữ", datetime.date(2026, 5, 4))
    client.force_login(world.citizen)
    client.post(reverse("recognition:me"))
    page = client.get(reverse("recognition:me")).content.decode()
    assert "Lớp tin học cho phụ nữ" in page
    assert reverse("centres:person_record", args=[person.pk]) in page


def test_a_community_shows_its_hamlets_people_and_not_a_neighbouring_hamlets(
    client: Client, world: World
) -> None:
    here = make_person(world.hamlet, "Lý Thị Mai")
    there = make_person(world.other_hamlet, "Hà Văn Lâm")
    _took_class(world, here, "Lớp dân vũ của khu vực", datetime.date(2026, 6, 1))
    _took_class(world, there, "Lớp bơi của phường bên", datetime.date(2026, 6, 1))
    community_set = _community_set(world)
    assessment = actions.register(
        actor=world.commune_officer,
        title=Title.COMMUNITY,
        subject=world.hamlet,
        year=2026,
        criteria_set=community_set,
    )
    client.force_login(world.commune_officer)
    page = _page(client, assessment)
    assert "Lớp dân vũ của khu vực" in page
    assert "Lớp bơi của phường bên" not in page


def test_the_page_reads_the_same_number_of_queries_for_one_or_forty_members(
    client: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    household = make_household(world.hamlet, code="HO-001")
    first = make_person(world.hamlet, "Người Thứ Nhất", household=household)
    _took_class(world, first, "Lớp đầu tiên", datetime.date(2026, 3, 2))
    assessment = family_assessment(world, household=household, year=2026)
    client.force_login(world.hamlet_head)
    _page(client, assessment)
    with django_assert_max_num_queries(100) as one:
        _page(client, assessment)
    learning_class = factories.learning_class(world, title="Lớp đông người")
    for i in range(40):
        member = make_person(world.hamlet, f"Thành Viên {i}", household=household)
        factories.participation(world, of=learning_class, person=member)
    record.keep_class_entries(learning_class=learning_class)
    assert LearningEntry.objects.filter(person__household=household).count() == 41
    with django_assert_max_num_queries(len(one.captured_queries) + 1) as many:
        page = _page(client, assessment)
    # Past the lines shown, one more query totals them; the page says how many are not shown.
    assert len(many.captured_queries) <= len(one.captured_queries) + 1
    assert "41 dòng học tập của 41 người" in page and "Còn 11 dòng nữa" in page


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("Người lớn biết chữ, tham gia học tập", True),
        ("Hằng năm, người lớn đều học ít nhất 01 nội dung", True),
        ("Tìm kiếm, tra cứu, đọc, cập nhật thông tin", True),
        ("Sử dụng công nghệ thông tin, kỹ năng số theo yêu cầu công việc", True),
        ("Thực hiện đầy đủ chế độ đào tạo, bồi dưỡng", True),
        ("Trẻ em chăm ngoan, lễ phép", False),
        ("Độc lập, tự chủ trong công việc", False),
        ("Bố trí đủ kinh phí ngân sách nhà nước hằng năm", False),
    ],
)
def test_the_keyword_rule_finds_items_about_learning(text: str, asks: bool) -> None:
    assert asks_about_learning(text) is asks


def test_a_clan_counts_its_households_members_and_a_unit_its_staff(world: World) -> None:
    home = make_household(world.hamlet, code="HO-001")
    cousin = make_person(world.hamlet, "Trần Văn Họ", household=home)
    outsider = make_person(
        world.hamlet, "Ngô Thị Khác", household=make_household(world.hamlet, code="HO-002")
    )
    clan = Clan.objects.create(code="DH-001", name="Họ Trần", commune=world.commune)
    clan.households.add(home)
    school = Unit.objects.create(
        code="DV-001",
        name="Trường Tiểu học Ninh Kiều",
        kind=Unit.Kind.SCHOOL,
        level=Unit.Level.COMMUNE,
        place=world.hamlet,
    )
    Person.objects.filter(pk=outsider.pk).update(unit=school)
    _took_class(world, cousin, "Lớp của người trong họ", datetime.date(2026, 3, 2))
    _took_class(world, outsider, "Lớp của giáo viên", datetime.date(2026, 3, 2))

    def titles(members: Q | None) -> list[str]:
        assert members is not None
        return [e.title for e in members_learning(members=members, year=2026).entries]

    assert titles(members_filter(clan_id=clan.pk)) == ["Lớp của người trong họ"]
    assert titles(members_filter(unit_id=school.pk)) == ["Lớp của giáo viên"]
    assert members_filter() is None
