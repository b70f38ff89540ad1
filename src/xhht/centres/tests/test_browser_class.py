"""In a real browser on a 360 px phone: the centre's officer creates a class, adds participants
found by a search typed without diacritics, marks attendance, closes the class; the participant's
learning record shows it."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from xhht.centres.models import LearningClass, LearningEntry
from xhht.centres.tests import factories
from xhht.registry.models import Household, Person
from xhht.testing.browser import log_in
from xhht.testing.world import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _fits(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def test_a_centre_officer_runs_a_class_on_a_phone(
    world: World, live_server: Any, new_page: Any
) -> None:
    factories.centre(world)
    factories.centre_officer(world)
    home = Household.objects.create(code="KV1-001", place=world.hamlet, head_name="Nguyễn Văn An")
    an = Person.objects.create(
        full_name="Nguyễn Văn An", sex="M", birth_year=1978, place=world.hamlet, household=home
    )
    an.set_cccd("092301000123")
    an.save()
    elsewhere = Household.objects.create(code="CK-001", place=world.other_hamlet, head_name="X")
    Person.objects.create(
        full_name="Nguyễn Văn Anh", sex="M", birth_year=1979, place=world.other_hamlet,
        household=elsewhere,
    )  # fmt: skip  # one person, one statement
    page = new_page(width=360, height=740)
    log_in(page, live_server.url, "centre_officer", PASSWORD)

    shortcuts = page.get_by_role("navigation", name="Lối tắt")  # the home page's tiles
    shortcuts.get_by_role("link", name="Lớp học, hoạt động").click()
    page.get_by_test_id("class-create").click()
    _fits(page)
    page.select_option("select[name=topic]", label="Kỹ năng số")
    page.fill("input[name=title]", "Lớp kỹ năng số cho người cao tuổi")
    page.fill("input[name=start_date]", "2026-03-02")
    page.get_by_role("button", name="Tạo lớp").click()
    assert "Đã tạo lớp" in page.content()
    _fits(page)

    page.get_by_test_id("session-add").click()
    page.fill("input[name=hours]", "3")
    page.get_by_role("button", name="Lưu buổi học").click()
    assert "Đã thêm buổi học" in page.content()

    page.get_by_test_id("participants-add").click()
    page.fill("#person-q", "nguyen van an")
    results = page.get_by_test_id("person-results")
    results.get_by_text("Nguyễn Văn An").wait_for()
    assert "Nguyễn Văn Anh" not in results.inner_text()  # another commune's person
    assert "092301000123" not in page.content()
    _fits(page)
    results.get_by_label("Nguyễn Văn An").check()
    page.get_by_test_id("add-people").click()
    assert "Đã thêm 1 học viên" in page.content()
    page.get_by_role("link", name="Xong").click()

    page.get_by_test_id("attendance-1").click()
    page.get_by_label("Nguyễn Văn An").check()
    _fits(page)
    page.get_by_test_id("attendance-save").click()
    assert "Đã lưu điểm danh" in page.content()

    page.get_by_test_id("class-close").click()
    page.locator("input[name=certified]").check()
    page.fill("input[name^=result_]", "Đạt")
    _fits(page)
    page.get_by_test_id("close-save").click()
    assert page.get_by_test_id("class-status").inner_text() == "Đã kết thúc"

    learning_class = LearningClass.objects.get()
    assert learning_class.status == LearningClass.Status.CLOSED
    entry = LearningEntry.objects.get(person=an)
    assert entry.hours == 3 and entry.result == "Đạt"
    assert entry.participation is not None and entry.participation.certificate

    page.goto(live_server.url + reverse("centres:person_record", args=[an.pk]))
    record = page.content()
    assert "Lớp kỹ năng số cho người cao tuổi" in record
    _fits(page)
