"""The self-assessment shows the citizen's learning lines beside the items they answer, for the
citizen's own subject group, and pre-fills the note of an item not answered yet (never points)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from xhht.centres import record
from xhht.centres.models import LearningEntry, Topic
from xhht.centres.record_items import learning_note, lines_proving
from xhht.citizens import learning
from xhht.citizens.tests import learning_factories as lf
from xhht.recognition import actions
from xhht.testing.world import World


@pytest.fixture(autouse=True)
def _media(tmp_path: Path, settings: Settings) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def _line(title: str, kind: str = "online_course", topic: str | None = None) -> LearningEntry:
    entry = LearningEntry(kind=kind, title=title, hours=Decimal("8"), year=2026)
    if topic is not None:
        entry.topic = Topic(code=topic, name=topic)
    return entry


def test_an_item_naming_a_subject_is_answered_by_the_lines_of_that_subject_only() -> None:
    digital = _line("Khóa học trực tuyến", topic=Topic.DIGITAL_SKILLS)
    office = _line("Tin học văn phòng cơ bản")
    book = _line("Nhà giả kim", kind="book")
    english = _line("Tiếng Anh giao tiếp")
    lines = [digital, office, book, english]
    assert lines_proving("Sử dụng công nghệ thông tin, kỹ năng số theo yêu cầu", lines) == [
        digital,
        office,
    ]
    assert lines_proving("Sử dụng ngoại ngữ theo yêu cầu công việc", lines) == [english]
    assert lines_proving("Tìm kiếm, tra cứu, đọc, cập nhật thông tin", lines) == [book]
    assert lines_proving("Xây dựng kế hoạch học tập của bản thân", lines) == lines
    assert lines_proving("Thiết lập quan hệ thân thiện với mọi người", lines) == []
    assert lines_proving("Nước sạch, vệ sinh môi trường", [_line("Giữ nước sạch")]) == []


def test_the_note_names_the_confirmed_lines_only() -> None:
    pending = _line("Kỹ năng số nâng cao")
    confirmed = _line("Kỹ năng số cơ bản", kind="class")
    confirmed.hours = Decimal("8.5")
    assert learning_note([pending]) == ""
    assert learning_note([pending, confirmed]) == "Sổ theo dõi học tập: Kỹ năng số cơ bản (8,5 giờ)"


@pytest.mark.django_db
def test_the_citizens_self_assessment_shows_and_prefills_the_lines_of_their_group(
    client: Client, world: World
) -> None:
    person = world.once("citizen_person", lf.citizen_person)
    lf.citizen_assessment(world, person, group="nong_dan")
    line = lf.studied_line(world, person)  # "Kỹ năng số cho mọi người", topic Kỹ năng số
    record.confirm_entry(user=world.commune_officer, entry=line.entry)
    learning.add_own_learning(
        user=world.citizen,
        person=person,
        kind="online_course",
        title="Tiếng Anh giao tiếp",
        year=line.entry.year,
        hours=Decimal("20"),
    )
    client.force_login(world.citizen)
    page = client.get(reverse("recognition:me")).content.decode()
    note = 'value="Sổ theo dõi học tập: Kỹ năng số cho mọi người (8 giờ)"'
    assert 'id="note-2.1" name="note-2.1" ' + note in page  # "công nghệ thông tin"
    assert 'id="note-1.1" name="note-1.1" ' + note in page  # "kế hoạch học tập": every line
    items = page.split('data-testid="item-learning"')
    assert len(items) == 3  # 1.1 and 2.1; 2.2 "Ngoại ngữ" is the officers' group's only
    assert "Tiếng Anh giao tiếp" in items[1] and "chờ xác nhận" in items[1]
    assert "Tiếng Anh giao tiếp" not in items[2].split("</ul>")[0]


@pytest.mark.django_db
def test_an_item_with_a_note_of_its_own_keeps_it(client: Client, world: World) -> None:
    person = world.once("citizen_person", lf.citizen_person)
    assessment = lf.citizen_assessment(world, person)
    line = lf.studied_line(world, person)
    record.confirm_entry(user=world.commune_officer, entry=line.entry)
    actions.save_answers(
        actor=world.citizen,
        assessment=assessment,
        answers={"2.1": {"points": "6", "note": "Tự học trên mạng"}},
        group="nong_dan",
    )
    client.force_login(world.citizen)
    page = client.get(reverse("recognition:me")).content.decode()
    assert 'name="note-2.1" value="Tự học trên mạng"' in page


@pytest.mark.django_db
def test_the_certificate_photo_is_attached_as_evidence_of_an_item_of_the_citizens_group(
    client: Client, world: World
) -> None:
    person = world.once("citizen_person", lf.citizen_person)
    assessment = lf.citizen_assessment(world, person, group="nong_dan")
    line = lf.studied_line(world, person)
    client.force_login(world.citizen)
    url = reverse("citizens:learning_attach", args=[line.pk])
    assert url in client.get(reverse("citizens:learning")).content.decode()
    client.post(url, {"item_code": "2.2"})  # "Ngoại ngữ": the officers' group only
    assert not assessment.evidence.exists()
    client.post(url, {"item_code": "2.1"})
    evidence = assessment.evidence.get()
    assert evidence.item_code == "2.1" and evidence.content_type == "image/jpeg"
    assert evidence.original_name == "chung-chi.jpg" and evidence.sha256 == line.certificate_sha256
    assert evidence.file.name != line.certificate.name  # a copy: each goes with its record
    client.force_login(world.hamlet_head)  # sees the line's photo, but it is not theirs
    assert client.post(url, {"item_code": "2.1"}).status_code == 403
    assert assessment.evidence.count() == 1
