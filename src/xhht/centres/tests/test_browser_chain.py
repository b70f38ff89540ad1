"""The whole chain of issue 15 in a real browser on a 360 px phone, as one story: the centre's
officer creates a literacy class, adds a participant found by a search typed without
diacritics, marks attendance and closes the class; the participant's learning record shows it;
the family assessment of their household shows it as evidence; the commune's dashboard figure
of literacy-class learners (``literacy_learners``) changes on the next page load."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from xhht.centres.tests import factories
from xhht.recognition.tests.factories import family_assessment
from xhht.registry.models import Household, Person
from xhht.testing.browser import log_in
from xhht.testing.world import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

TITLE = "Lớp xóa mù chữ khu vực 1"


def _fits(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def _learners(page: Any, url: str) -> tuple[str, str]:
    """The commune dashboard's literacy-learners row, freshly loaded: (reached, total)."""
    page.goto(url)
    cells = page.locator('[data-testid=learning-table] tr[data-code="literacy_learners"] td')
    return cells.nth(1).inner_text().strip(), cells.nth(2).inner_text().strip()


def test_class_to_record_to_family_evidence_to_dashboard_on_a_phone(
    world: World, live_server: Any, new_page: Any
) -> None:
    factories.centre(world)
    factories.centre_officer(world)
    home = Household.objects.create(code="KV1-001", place=world.hamlet, head_name="Lò Thị Mây")
    may = Person.objects.create(
        full_name="Lò Thị Mây", sex="F", birth_year=1985, place=world.hamlet, household=home
    )
    assessment = family_assessment(world, household=home, year=2026)

    officer = new_page(width=360, height=740)
    log_in(officer, live_server.url, "commune_officer", PASSWORD)
    dashboard = live_server.url + reverse("progress:dashboard", args=[world.commune.pk])
    reached_before, total_before = _learners(officer, dashboard)
    assert reached_before == "0" and int(total_before) >= 1  # Mây is 41, of working age

    page = new_page(width=360, height=740)
    log_in(page, live_server.url, "centre_officer", PASSWORD)
    page.get_by_role("navigation", name="Lối tắt").get_by_role(
        "link", name="Lớp học, hoạt động"
    ).click()
    page.get_by_test_id("class-create").click()
    page.select_option("select[name=topic]", label="Xóa mù chữ")
    page.fill("input[name=title]", TITLE)
    page.fill("input[name=start_date]", "2026-03-02")
    page.get_by_role("button", name="Tạo lớp").click()
    assert "Đã tạo lớp" in page.content()
    _fits(page)

    page.get_by_test_id("session-add").click()
    page.fill("input[name=hours]", "2")
    page.get_by_role("button", name="Lưu buổi học").click()
    assert "Đã thêm buổi học" in page.content()

    page.get_by_test_id("participants-add").click()
    page.fill("#person-q", "lo thi may")  # typed without diacritics
    results = page.get_by_test_id("person-results")
    results.get_by_text("Lò Thị Mây").wait_for()
    _fits(page)
    results.get_by_label("Lò Thị Mây").check()
    page.get_by_test_id("add-people").click()
    assert "Đã thêm 1 học viên" in page.content()
    page.get_by_role("link", name="Xong").click()

    page.get_by_test_id("attendance-1").click()
    page.get_by_label("Lò Thị Mây").check()
    page.get_by_test_id("attendance-save").click()
    assert "Đã lưu điểm danh" in page.content()

    page.get_by_test_id("class-close").click()
    page.fill("input[name^=result_]", "Biết đọc, biết viết")
    _fits(page)
    page.get_by_test_id("close-save").click()
    assert page.get_by_test_id("class-status").inner_text() == "Đã kết thúc"

    page.goto(live_server.url + reverse("centres:person_record", args=[may.pk]))
    assert TITLE in page.content() and "Biết đọc, biết viết" in page.content()
    _fits(page)

    officer.goto(live_server.url + reverse("recognition:detail", args=[assessment.pk]))
    evidence = officer.get_by_test_id("learning-evidence")
    text = evidence.inner_text()
    assert "Học tập của thành viên năm 2026" in text
    assert TITLE in text and "Lò Thị Mây" in text
    assert officer.get_by_test_id("learning-hint").count() == 1  # beside the learning item
    _fits(officer)

    reached_after, total_after = _learners(officer, dashboard)  # the next page load
    assert (reached_after, total_after) == (str(int(reached_before) + 1), total_before)
    _fits(officer)
