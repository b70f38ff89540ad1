"""In a real browser on a 360 px phone: the province coordinator completes the "Công dân học tập"
template in forms only, until the page says it is in force; then a commune officer registers a
citizen with it."""

from __future__ import annotations

from typing import Any

import pytest

from xhht.criteria.models import CriteriaSet
from xhht.recognition.models import Assessment
from xhht.recognition.tests.factories import make_person
from xhht.testing.browser import log_in
from xhht.testing.world import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Made-up points for the test (10 + 10 × 9 = 100, each ≥ 5): QĐ 324 gives no points per item.
POINTS = {"1a": "10", "1b": "9", "1c": "9", "1d": "9", "2a": "9", "2b": "9", "2c": "9"}
POINTS |= {"2d": "9", "3a": "9", "3b": "9"}
LAST = ("3c", "9")
CCCD = "092180001234"


def _fits(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_the_coordinator_completes_the_citizen_criteria_in_forms_and_a_commune_registers_with_it(
    world: World, live_server: Any, new_page: Any
) -> None:
    page = new_page(width=360, height=740)
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, live_server.url, "coordinator", PASSWORD)
    page.goto(f"{live_server.url}/criteria/?title=citizen")
    page.get_by_role("link", name="Công dân học tập giai đoạn 2021–2030 (QĐ 324/QĐ-KHVN)").click()
    page.get_by_role("button", name="Tạo bộ tiêu chí của tỉnh từ bộ này").click()
    page.wait_for_url("**/criteria/*/editor/")
    status = page.get_by_test_id("set-status")
    assert "Chưa dùng được để công nhận — còn thiếu" in status.inner_text()
    assert "Tiêu chí NL1, chỉ báo 1a: chưa có điểm tối đa." in status.inner_text()
    assert page.input_value("#id_pass_mark") == "80"  # confirmed by QĐ 324, already there
    assert page.input_value("#id_min_item_points") == "5"
    _fits(page)

    # Ten of the eleven items' points: one item still missing, said in plain words.
    for code, points in POINTS.items():
        page.fill(f"input[name='points-{code}']", points)
    page.get_by_role("button", name="Lưu điểm").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("set-status").inner_text().count("chưa có điểm tối đa") == 2
    assert "Tiêu chí NL3, chỉ báo 3c: chưa có điểm tối đa." in (
        page.get_by_test_id("set-status").inner_text()
    )

    # A negative number is refused, in Vietnamese, and nothing is saved.
    page.fill("input[name='points-3c']", "-9")
    page.get_by_role("button", name="Lưu điểm").click()
    assert "Số điểm không được là số âm." in page.get_by_test_id("edit-problems").inner_text()

    # An item's evidence hint, and its place in the criterion.
    page.locator("[data-testid=criterion-NL1] > summary").click()
    page.locator("[data-testid=item-1b] summary").click()
    page.fill("#id_item_1b_evidence_hint", "Kế hoạch học tập cá nhân có xác nhận của chi hội")
    page.locator("[data-testid=item-1b]").get_by_role("button", name="Lưu chỉ báo").click()
    page.wait_for_load_state()
    assert page.locator("[data-testid=item-1b] > details").get_attribute("open") is not None
    page.get_by_role("button", name="Chuyển chỉ báo 1b lên").click()
    page.wait_for_load_state()
    variant = CriteriaSet.objects.get(code="hkh324-cong-dan-hoc-tap-92")
    nl1 = variant.definition().criteria[0]
    assert [i.code for i in nl1.items] == ["1b", "1a", "1c", "1d"]
    assert nl1.items[0].evidence_hint == "Kế hoạch học tập cá nhân có xác nhận của chi hội"

    # The last number: the set is in force at once, no flag to clear.
    page.fill(f"input[name='points-{LAST[0]}']", LAST[1])
    page.get_by_role("button", name="Lưu điểm").click()
    page.wait_for_load_state()
    assert "Đủ giá trị — đang áp dụng." in page.get_by_test_id("set-status").inner_text()
    assert "từ bây giờ dùng được để đăng ký và công nhận" in page.content()
    _fits(page)
    variant.refresh_from_db()
    assert variant.complete and variant.status == CriteriaSet.Status.ACTIVE

    # The commune officer registers a citizen for "Công dân học tập" with the province's set.
    person = make_person(world.hamlet, "Trần Thị Bình")
    person.set_cccd(CCCD)
    person.save()
    officer = new_page(width=360, height=740)
    log_in(officer, live_server.url, "commune_officer", PASSWORD)
    officer.goto(f"{live_server.url}/recognition/register/")
    officer.select_option("select[name=title]", "citizen")
    officer.fill("input[name=code]", CCCD)
    officer.get_by_role("button", name="Đăng ký").click()
    assert officer.get_by_test_id("state").inner_text() == "Đã đăng ký"
    assessment = Assessment.objects.get()
    assert assessment.criteria_set_id == variant.pk
