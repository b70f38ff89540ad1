"""In a real browser on a 360 px phone: a citizen declares a book read, the commune's officer
confirms it from the queue, and the family's assessment shows it beside the learning item, with
the class a member took that year."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from xhht.centres import record
from xhht.centres.models import LearningEntry
from xhht.centres.tests import factories, record_factories
from xhht.recognition.tests.factories import family_assessment
from xhht.testing.browser import log_in
from xhht.testing.world import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _fits(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def test_declared_confirmed_and_shown_on_the_family_assessment(
    world: World, live_server: Any, new_page: Any
) -> None:
    person = record_factories.citizen_person(world)
    learning_class = factories.learning_class(world, start=datetime.date(2026, 3, 2))
    factories.participation(world, of=learning_class, person=person)
    record.keep_class_entries(learning_class=learning_class)
    assessment = family_assessment(world, household=person.household, year=2026)

    citizen = new_page(width=360, height=740)
    log_in(citizen, live_server.url, "citizen", PASSWORD)
    citizen.goto(live_server.url + reverse("recognition:me"))
    citizen.get_by_test_id("my-learning-record").click()
    assert "Lớp kỹ năng số cho người cao tuổi" in citizen.content()
    citizen.get_by_test_id("declare").click()
    _fits(citizen)
    citizen.select_option("select[name=kind]", "book")
    citizen.fill("input[name=title]", "Sách “Kỹ thuật trồng lúa hữu cơ”")
    citizen.fill("input[name=hours]", "4,5")
    citizen.get_by_role("button", name="Ghi vào sổ").click()
    assert "dòng này được tính khi cán bộ xã xác nhận" in citizen.content()
    assert "Chờ xác nhận" in citizen.content()
    _fits(citizen)

    officer = new_page(width=360, height=740)
    log_in(officer, live_server.url, "commune_officer", PASSWORD)
    officer.goto(live_server.url + reverse("centres:record_queue"))
    line = officer.get_by_test_id("queue-line").filter(has_text="Kỹ thuật trồng lúa hữu cơ")
    _fits(officer)
    line.get_by_test_id("confirm").click()
    assert "Đã xác nhận" in officer.content()
    assert LearningEntry.objects.get(kind="book").confirmed_by == world.commune_officer

    officer.goto(live_server.url + reverse("recognition:detail", args=[assessment.pk]))
    evidence = officer.get_by_test_id("learning-evidence")
    text = evidence.inner_text()
    assert "Kỹ thuật trồng lúa hữu cơ" in text and "Lớp kỹ năng số cho người cao tuổi" in text
    assert "2 dòng học tập của 1 người" in text
    assert officer.get_by_test_id("learning-hint").count() == 1
    _fits(officer)
