"""In a real browser: the province opens the lifelong-learning week; a commune officer on a
360 px phone reports what the commune did, ticking the class it ran; the province sees it."""

from __future__ import annotations

from typing import Any

import pytest

from xhht.centres.models import Campaign, CampaignActivity
from xhht.centres.tests import factories
from xhht.testing.browser import log_in
from xhht.testing.world import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _fits(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def test_the_province_opens_the_week_and_a_commune_reports_on_a_phone(
    world: World, live_server: Any, new_page: Any
) -> None:
    learning_class = factories.learning_class(world)
    page = new_page(width=1024, height=800)
    log_in(page, live_server.url, "coordinator", PASSWORD)
    page.goto(f"{live_server.url}/centres/campaigns/")
    page.get_by_role("link", name="Phát động đợt mới").click()
    page.select_option("select[name=place]", label="Thành phố Cần Thơ")
    page.select_option("select[name=kind]", label="Tuần lễ hưởng ứng học tập suốt đời")
    page.fill("input[name=name]", "Tuần lễ hưởng ứng học tập suốt đời năm 2026")
    page.fill("input[name=year]", "2026")
    page.fill("input[name=start_date]", "2026-10-01")
    page.fill("input[name=end_date]", "2026-10-07")
    page.get_by_role("button", name="Phát động").click()
    assert "Đã phát động" in page.content()
    campaign = Campaign.objects.get()

    phone = new_page(width=360, height=740)
    log_in(phone, live_server.url, "commune_officer", PASSWORD)
    phone.get_by_role("link", name="Đợt hưởng ứng học tập").first.click()
    phone.get_by_role("link", name=campaign.name).click()
    phone.get_by_test_id("own-reports").get_by_role("link", name="Phường Ninh Kiều").click()
    _fits(phone)
    phone.fill("textarea[name=description]", "Lễ phát động, hội sách 3 ngày.")
    phone.fill("input[name=participants]", "350")
    phone.get_by_label(learning_class.title).check()
    phone.get_by_test_id("submit").click()
    assert "Đã gửi báo cáo." in phone.content()
    _fits(phone)
    report = CampaignActivity.objects.get()
    assert report.state == CampaignActivity.State.SUBMITTED and report.participants == 350
    assert list(report.classes.all()) == [learning_class]

    page.reload()
    table = page.get_by_test_id("who-reported")
    assert "Đã gửi" in table.inner_text() and "350" in table.inner_text()
