"""A person's learning record: seen by whoever sees the person and by the citizen themself; a
citizen declares what they learned on a phone, an officer of the commune confirms or refuses it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from xhht.audit.models import AuditEntry
from xhht.centres import record
from xhht.centres.models import LearningEntry
from xhht.centres.tests import factories, record_factories
from xhht.core.workflow import StepRefused
from xhht.registry.models import Person
from xhht.registry.tests import factories as registry_factories
from xhht.site.work import work_for
from xhht.testing.world import World

pytestmark = pytest.mark.django_db


def _citizen(world: World) -> Person:
    return world.once("citizen_person", record_factories.citizen_person)


def _messages(response: object) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]  # type: ignore[attr-defined]  # a test client response


def _class_line(world: World, person: Person) -> LearningEntry:
    learning_class = factories.learning_class(world)
    participation = factories.participation(world, of=learning_class, person=person)
    record.keep_class_entries(learning_class=learning_class)
    return LearningEntry.objects.get(participation=participation)


def test_the_record_lists_classes_and_self_declared_learning_by_year(
    client: Client, world: World
) -> None:
    person = _citizen(world)
    _class_line(world, person)
    record_factories.declared(world, person=person, title="Đọc sách “Nhà giả kim”", year=2025)
    client.force_login(world.hamlet_head)
    page = client.get(reverse("centres:person_record", args=[person.pk])).content.decode()
    assert page.index('data-testid="year-2026"') < page.index('data-testid="year-2025"')
    assert "Lớp kỹ năng số cho người cao tuổi" in page
    assert "Đọc sách “Nhà giả kim”" in page and "Chờ xác nhận" in page


def test_an_officer_elsewhere_and_another_citizen_get_a_404(client: Client, world: World) -> None:
    person = _citizen(world)
    url = reverse("centres:person_record", args=[person.pk])
    client.force_login(world.other_officer)
    assert client.get(url).status_code == 404
    stranger = registry_factories.person(world, cccd="092190009999", name="Phạm Văn Tú")
    client.force_login(world.citizen)
    assert client.get(url).status_code == 200
    assert client.get(reverse("centres:person_record", args=[stranger.pk])).status_code == 404


def test_a_citizen_declares_learning_from_the_phone_form(client: Client, world: World) -> None:
    person = _citizen(world)
    client.force_login(world.citizen)
    response = client.get(reverse("centres:my_record"))
    assert response["Location"] == reverse("centres:person_record", args=[person.pk])
    response = client.post(
        reverse("centres:record_declare"),
        {
            "kind": "online_course",
            "title": "Kỹ năng số cơ bản",
            "year": "2026",
            "hours": "8,5",
            "source": "onluyen.vn",
            "result": "",
        },
        follow=True,
    )
    line = LearningEntry.objects.get(person=person)
    assert (line.kind, line.hours, line.confirmed) == ("online_course", Decimal("8.5"), False)
    assert "Đã ghi vào sổ học tập; dòng này được tính khi cán bộ xã xác nhận." in _messages(
        response
    )
    assert not LearningEntry.objects.counted().filter(pk=line.pk).exists()


def test_the_declare_form_says_in_vietnamese_what_to_fix(client: Client, world: World) -> None:
    _citizen(world)
    client.force_login(world.citizen)
    response = client.post(
        reverse("centres:record_declare"),
        {"kind": "", "title": "", "year": "1890", "hours": "-1"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Năm phải từ 1990 trở đi." in page
    assert not LearningEntry.objects.exists()


def test_an_officer_of_the_commune_confirms_from_the_queue(client: Client, world: World) -> None:
    line = record_factories.declared(world)
    client.force_login(world.commune_officer)
    queue = client.get(reverse("centres:record_queue")).content.decode()
    assert line.title in queue
    response = client.post(reverse("centres:record_confirm", args=[line.pk]), follow=True)
    line.refresh_from_db()
    assert line.confirmed and line.confirmed_by == world.commune_officer
    assert f"Đã xác nhận “{line.title}”." in _messages(response)
    assert AuditEntry.objects.for_object(line).filter(step="confirm_learning").exists()
    assert LearningEntry.objects.counted().filter(pk=line.pk).exists()
    assert line.title not in client.get(reverse("centres:record_queue")).content.decode()


def test_an_officer_elsewhere_neither_sees_nor_confirms_it(client: Client, world: World) -> None:
    line = record_factories.declared(world)
    client.force_login(world.other_officer)
    assert line.title not in client.get(reverse("centres:record_queue")).content.decode()
    assert client.post(reverse("centres:record_confirm", args=[line.pk])).status_code == 404
    line.refresh_from_db()
    assert not line.confirmed


def test_a_citizen_cannot_confirm_their_own_learning(client: Client, world: World) -> None:
    line = record_factories.declared(world)
    client.force_login(world.citizen)
    assert client.post(reverse("centres:record_confirm", args=[line.pk])).status_code == 404
    # An officer whose own person record it is is refused too, in Vietnamese.
    person = line.person
    person.user = world.commune_officer
    person.save()
    with pytest.raises(StepRefused, match="Không thể tự xác nhận học tập của chính mình"):
        record.confirm_entry(user=world.commune_officer, entry=line)
    line.refresh_from_db()
    assert not line.confirmed


def test_a_refusal_needs_a_reason_and_the_citizen_reads_it(client: Client, world: World) -> None:
    line = record_factories.declared(world)
    client.force_login(world.commune_officer)
    url = reverse("centres:record_refuse", args=[line.pk])
    response = client.post(url, {"reason": " "}, follow=True)
    assert "Hãy ghi lý do không xác nhận." in _messages(response)
    client.post(url, {"reason": "Chưa có giấy chứng nhận của khóa học"})
    line.refresh_from_db()
    assert line.refused_at is not None and not line.confirmed
    client.force_login(world.citizen)
    page = client.get(reverse("centres:person_record", args=[line.person_id])).content.decode()
    assert "Không xác nhận" in page and "Chưa có giấy chứng nhận của khóa học" in page
    # Refused is final: confirming it afterwards is refused.
    with pytest.raises(StepRefused, match="Dòng học tập này đã được xử lý"):
        record.confirm_entry(user=world.commune_officer, entry=line)


def test_a_citizen_withdraws_a_line_not_yet_confirmed(client: Client, world: World) -> None:
    line = record_factories.declared(world)
    confirmed = record_factories.declared(world, title="Bồi dưỡng nghiệp vụ")
    record.confirm_entry(user=world.commune_officer, entry=confirmed)
    client.force_login(world.citizen)
    client.post(reverse("centres:record_withdraw", args=[line.pk]))
    assert not LearningEntry.objects.filter(pk=line.pk).exists()
    response = client.post(reverse("centres:record_withdraw", args=[confirmed.pk]), follow=True)
    assert "Dòng đã được xác nhận; không rút được nữa." in _messages(response)
    assert LearningEntry.objects.filter(pk=confirmed.pk).exists()


def test_the_household_record_shows_its_members_and_no_one_else(
    client: Client, world: World
) -> None:
    person = _citizen(world)
    record_factories.declared(world, person=person, title="Khóa học tiếng Anh giao tiếp")
    elsewhere = registry_factories.household(world, code="KV1-002")
    neighbour = registry_factories.person(
        world, cccd="092190008888", name="Võ Văn Tám", home=elsewhere
    )
    record_factories.declared(world, person=neighbour, title="Lớp trồng nấm rơm")
    client.force_login(world.hamlet_head)
    assert person.household is not None
    page = client.get(
        reverse("centres:household_record", args=[person.household.pk])
    ).content.decode()
    assert "Khóa học tiếng Anh giao tiếp" in page and "Lê Thị Hoa" in page
    assert "Lớp trồng nấm rơm" not in page


def test_the_person_and_household_pages_link_to_the_record(client: Client, world: World) -> None:
    person = _citizen(world)
    client.force_login(world.commune_officer)
    assert person.household is not None
    person_page = client.get(reverse("registry:person_detail", args=[person.pk]))
    household_page = client.get(reverse("registry:household_detail", args=[person.household.pk]))
    assert reverse("centres:person_record", args=[person.pk]) in person_page.content.decode()
    assert (
        reverse("centres:household_record", args=[person.household.pk])
        in household_page.content.decode()
    )


def test_the_record_and_the_queue_read_a_fixed_number_of_queries(
    client: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    person = _citizen(world)
    record_factories.declared(world, person=person)
    _class_line(world, person)
    client.force_login(world.commune_officer)
    urls = [
        reverse("centres:person_record", args=[person.pk]),
        reverse("centres:record_queue"),
    ]
    counts = []
    for url in urls:
        client.get(url)
        with django_assert_max_num_queries(12) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured.captured_queries))
    for year in range(2010, 2026):  # sixteen more years of lines, each in the queue
        record_factories.declared(world, person=person, title=f"Sách năm {year}", year=year)
    for url, count in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200


def test_the_home_page_lists_learning_waiting_for_the_officers_confirmation(
    world: World,
) -> None:
    line = record_factories.declared(world)
    waiting = {w.key: w for w in work_for(world.commune_officer)}["learning"]
    assert waiting.count == 1
    assert waiting.entries[0].text == f"{line.title} · Lê Thị Hoa"
    assert waiting.entries[0].url == reverse("centres:person_record", args=[line.person_id])
    assert "learning" not in {w.key for w in work_for(world.other_officer)}  # another commune
    record.confirm_entry(user=world.commune_officer, entry=line)
    assert "learning" not in {w.key for w in work_for(world.commune_officer)}


def test_an_officer_confirms_from_the_persons_record_and_comes_back_to_it(
    client: Client, world: World
) -> None:
    line = record_factories.declared(world)
    url = reverse("centres:person_record", args=[line.person_id])
    client.force_login(world.hamlet_head)  # sees the person, does not confirm learning
    assert f'data-testid="decide-{line.pk}"' not in client.get(url).content.decode()
    client.force_login(world.commune_officer)
    assert f'data-testid="decide-{line.pk}"' in client.get(url).content.decode()
    response = client.post(
        reverse("centres:record_confirm", args=[line.pk]), {"person": line.person_id}
    )
    assert response["Location"] == url
    page = client.get(url).content.decode()
    assert "Đã xác nhận" in page and f'data-testid="decide-{line.pk}"' not in page


def test_the_trail_names_the_learning_steps_in_vietnamese(client: Client, world: World) -> None:
    confirmed = record_factories.declared(world)
    refused = record_factories.declared(world, title="Sách không rõ nguồn")
    record.confirm_entry(user=world.commune_officer, entry=confirmed)
    record.refuse_entry(user=world.commune_officer, entry=refused, reason="Không rõ nguồn")
    client.force_login(world.commune_officer)
    page = client.get(reverse("audit:index")).content.decode()
    assert "Xác nhận học tập tự khai" in page and "Không xác nhận học tập tự khai" in page
    assert "confirm_learning" not in page and "refuse_learning" not in page
