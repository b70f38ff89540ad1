"""The citizen's own learning: adding a course, a book or a resource of the catalogue with a
certificate photo (one line of centres' record, confirmed as any), and the digital skills."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from xhht.centres import record
from xhht.centres.models import LearningEntry, Topic
from xhht.centres.tests import factories as centre_factories
from xhht.citizens import learning
from xhht.citizens.learning_models import DigitalSkills, StudiedLine
from xhht.citizens.tests import learning_factories as lf
from xhht.core.workflow import StepRefused
from xhht.registry.models import Person
from xhht.registry.tests import factories as registry_factories
from xhht.resources.models import Resource
from xhht.testing.world import World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(tmp_path: Path, settings: Settings) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def _person(world: World) -> Person:
    return world.once("citizen_person", lf.citizen_person)


def _files(tmp_path: Path) -> list[Path]:
    return [p for p in tmp_path.rglob("*") if p.is_file()]


def test_a_studied_resource_becomes_a_pending_line_with_its_topic_and_certificate(
    world: World, tmp_path: Path
) -> None:
    line = lf.studied_line(world)
    entry = line.entry
    assert entry.kind == LearningEntry.Kind.ONLINE_COURSE and not entry.confirmed
    assert entry.title == "Kỹ năng số cho mọi người"  # the resource's title, none typed
    assert entry.topic is not None and entry.topic.code == Topic.DIGITAL_SKILLS
    assert line.resource is not None and line.certificate_type == "image/jpeg"
    assert line.certificate.read().startswith(b"\xff\xd8")  # stored, a JPEG
    assert len(_files(tmp_path)) == 1


def test_a_file_that_is_not_a_photo_leaves_neither_line_nor_file(
    world: World, tmp_path: Path
) -> None:
    person = _person(world)
    fake = SimpleUploadedFile("chung-chi.jpg", b"MZ\x90\x00 not an image", "image/jpeg")
    pdf = SimpleUploadedFile("chung-chi.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n")
    for upload in (fake, pdf):
        with pytest.raises(StepRefused):
            learning.add_own_learning(
                user=world.citizen,
                person=person,
                kind="online_course",
                title="Kỹ năng số",
                year=2026,
                hours=Decimal("4"),
                certificate=upload,
            )
    assert not LearningEntry.objects.exists() and not _files(tmp_path)


def test_a_line_refused_by_the_record_deletes_the_stored_photo(
    world: World, tmp_path: Path
) -> None:
    with pytest.raises(StepRefused):
        learning.add_own_learning(
            user=world.citizen,
            person=_person(world),
            kind="online_course",
            title="Kỹ năng số",
            year=1980,  # refused by centres' declare_learning, after the photo was written
            hours=Decimal("4"),
            certificate=lf.certificate_photo(),
        )
    assert not StudiedLine.objects.exists() and not _files(tmp_path)


def test_an_unpublished_resource_and_someone_elses_record_are_refused(world: World) -> None:
    person = _person(world)
    draft = lf.resource(world, "Bản nháp", state=Resource.State.DRAFT)
    with pytest.raises(StepRefused, match="chưa được công bố"):
        learning.add_own_learning(
            user=world.citizen,
            person=person,
            kind="online_course",
            title="",
            year=2026,
            hours=Decimal("1"),
            resource=draft,
        )
    stranger = registry_factories.person(world, cccd="092190009999", name="Phạm Văn Tú")
    with pytest.raises(StepRefused, match="chính mình"):
        learning.add_own_learning(
            user=world.citizen,
            person=stranger,
            kind="book",
            title="Sách",
            year=2026,
            hours=Decimal("1"),
        )
    assert not LearningEntry.objects.exists()


def test_the_page_lists_class_confirmed_and_pending_lines_and_the_certificate_photo(
    client: Client, world: World
) -> None:
    person = _person(world)
    learning_class = centre_factories.learning_class(world)
    centre_factories.participation(world, of=learning_class, person=person)
    record.keep_class_entries(learning_class=learning_class)
    book = learning.add_own_learning(
        user=world.citizen,
        person=person,
        kind="book",
        title="Đọc sách “Nhà giả kim”",
        year=2026,
        hours=Decimal("5"),
    )
    record.confirm_entry(user=world.commune_officer, entry=book)
    line = lf.studied_line(world, person)
    client.force_login(world.citizen)
    page = client.get(reverse("citizens:learning")).content.decode()
    assert learning_class.title in page and "Đọc sách “Nhà giả kim”" in page
    assert "Đã xác nhận" in page and "Chờ xác nhận" in page
    assert "Học liệu: Kỹ năng số cho mọi người" in page
    photo = reverse("citizens:learning_certificate", args=[line.pk])
    assert photo in page
    response = client.get(photo)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"


def test_the_certificate_photo_is_seen_by_its_citizen_and_the_officers_of_the_place_only(
    client: Client, world: World
) -> None:
    url = reverse("citizens:learning_certificate", args=[lf.studied_line(world).pk])
    for user, status in (
        (world.commune_officer, 200),
        (world.hamlet_head, 200),
        (world.other_officer, 404),
    ):
        client.force_login(user)
        assert client.get(url).status_code == status, user.username
    other = registry_factories.person(world, cccd="092190009998", name="Phạm Văn Tú")
    other.user = world.citizen
    Person.objects.filter(user=world.citizen).exclude(pk=other.pk).update(user=None)
    other.save()
    client.force_login(world.citizen)  # now linked to someone else
    assert client.get(url).status_code == 404


def test_the_add_form_finds_a_resource_without_diacritics_and_keeps_the_photo(
    client: Client, world: World
) -> None:
    _person(world)
    found = lf.resource(world)
    lf.resource(world, "Kỹ năng số nâng cao", state=Resource.State.SUBMITTED)
    client.force_login(world.citizen)
    page = client.get(reverse("citizens:learning_add"), {"q": "ky nang so"}).content.decode()
    assert f"?resource={found.pk}" in page and "nâng cao" not in page
    url = reverse("citizens:learning_add") + f"?resource={found.pk}"
    assert "Kỹ năng số cho mọi người" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "kind": "online_course",
            "title": "",
            "year": "2026",
            "hours": "8,5",
            "resource": str(found.pk),
            "certificate": lf.certificate_photo(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    line = StudiedLine.objects.get()
    assert line.resource == found and line.certificate_name == "chung-chi.jpg"
    assert line.entry.hours == Decimal("8.5") and line.entry.title == found.title


def test_the_add_form_asks_for_a_title_or_a_resource(client: Client, world: World) -> None:
    _person(world)
    client.force_login(world.citizen)
    response = client.post(
        reverse("citizens:learning_add"),
        {"kind": "book", "title": "", "year": "2026", "hours": "1"},
    )
    assert "Hãy ghi nội dung đã học hoặc chọn một học liệu." in response.content.decode()
    empty = client.post(reverse("citizens:learning_add"), {})  # bound, refused, never a 500
    assert empty.status_code == 200 and "errorlist" in empty.content.decode()
    assert not LearningEntry.objects.exists()


def test_an_account_not_linked_reads_how_to_register(client: Client, world: World) -> None:
    client.force_login(world.citizen)
    for name in ("citizens:learning", "citizens:learning_add"):
        assert 'data-testid="unlinked"' in client.get(reverse(name)).content.decode()


def test_digital_skills_are_declared_once_a_year_and_a_digital_class_counts(
    client: Client, world: World
) -> None:
    person = _person(world)
    client.force_login(world.citizen)
    client.post(reverse("citizens:digital_skills"), {"online_learning": "on"})
    client.post(reverse("citizens:digital_skills"), {"online_services": "on"})
    skills = DigitalSkills.objects.get(person=person)
    assert (skills.online_learning, skills.online_services) == (False, True)
    year = skills.year
    assert learning.digital_skills_of(person, year).skilled
    client.post(reverse("citizens:digital_skills"), {})
    assert not learning.digital_skills_of(person, year).skilled
    digital = Topic.objects.get(code=Topic.DIGITAL_SKILLS, province__isnull=True)
    learning_class = centre_factories.learning_class(world)
    learning_class.topic = digital
    learning_class.save()
    participation = centre_factories.participation(world, of=learning_class, person=person)
    record.keep_class_entries(learning_class=learning_class)
    assert not learning.digital_skills_of(person, learning_class.start_date.year).learned
    participation.completed = True
    participation.save()
    standing = learning.digital_skills_of(person, learning_class.start_date.year)
    assert standing.learned == (learning_class.title,)
    page = client.get(reverse("citizens:learning")).content.decode()
    assert ('data-testid="digital-skilled"' in page) is (learning_class.start_date.year == year)


def test_the_page_reads_a_fixed_number_of_queries_whatever_the_lines(
    client: Client, world: World, django_assert_max_num_queries: Any
) -> None:
    person = _person(world)
    for number in range(12):
        entry = learning.add_own_learning(
            user=world.citizen,
            person=person,
            kind="book",
            title=f"Sách số {number}",
            year=2020 + number % 6,
            hours=Decimal("2"),
            resource=lf.resource(world, f"Học liệu {number}") if number % 2 else None,
        )
        if number % 3 == 0:
            record.confirm_entry(user=world.commune_officer, entry=entry)
    client.force_login(world.citizen)
    with django_assert_max_num_queries(15):  # the session and roles, then 7 of its own
        page = client.get(reverse("citizens:learning"))
    assert page.content.decode().count('data-testid="learning-line"') == 12
