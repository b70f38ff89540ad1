"""Issue 17, Done-when, in a real browser: the province enters the threshold of PCGD THCS mức 2
(NĐ 20/2014 Điều 15 was not found, so no number of ours); a commune officer on a 360 px phone
sees the commune one young person short of mức 2, opens the list of who to visit, records the
young person's lower-secondary diploma on the household's entry screen, and the page says mức 2
is reached; the officer submits the file; the province coordinator checks and recognises it; the
PCGD THCS mức 2 indicator on the province dashboard changes."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from xhht.pcgd.models import Dossier
from xhht.pcgd.tests.pages_world import YEAR, short_commune
from xhht.plans.actions import PlanData, TargetData, create_plan
from xhht.testing.browser import log_in
from xhht.testing.world import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SHORT = "Thiếu 1 em 15–18 tuổi tốt nghiệp THCS để đạt mức độ 2."
INDICATOR = "Đơn vị đạt chuẩn phổ cập giáo dục trung học cơ sở mức độ 2"


def _fits(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def _plan(world: World) -> None:
    """A province plan with a target on the indicator, so the dashboard shows its row."""
    create_plan(
        user=None,
        data=PlanData(
            place=world.province,
            number="12/KH-UBND",
            date=datetime.date(YEAR, 9, 15),
            issuer="Ủy ban nhân dân",
            title="Phổ cập giáo dục, xóa mù chữ",
            period_start=YEAR,
            period_end=YEAR,
            targets=[TargetData("pcgd_thcs_level2", YEAR, Decimal("100"), "percent")],
        ),
    )


def _indicator(page: Any, url: str) -> str:
    """The dashboard's "Thực hiện" cell of PCGD THCS mức 2, freshly loaded."""
    page.goto(url)
    row = page.get_by_test_id("progress-table").locator("tr", has_text=INDICATOR)
    return str(row.locator("td").nth(2).inner_text()).strip()


def test_one_child_short_to_recognised_and_the_dashboard_changes(
    world: World, live_server: Any, new_page: Any
) -> None:
    made = short_commune(world, enter_threshold=False)
    _plan(world)
    dashboard = (
        live_server.url + reverse("progress:dashboard", args=[world.province.pk]) + f"?year={YEAR}"
    )

    province = new_page()
    log_in(province, live_server.url, "coordinator", PASSWORD)
    before = _indicator(province, dashboard)
    assert before.startswith("0%"), before
    # The province enters the threshold the decree does not give.
    province.goto(live_server.url + reverse("pcgd:settings", args=[world.province.pk]))
    form = province.get_by_test_id("threshold-form")
    form.locator("select[name=t-code]").select_option("pcgd_thcs_2")
    form.locator("select[name=t-cohort]").select_option("thcs_diploma_15_18")
    form.locator("input[name=t-threshold]").fill("90")
    form.locator("input[name=t-source]").fill("Kế hoạch số 12/KH-UBND")
    form.get_by_role("button", name="Lưu ngưỡng").click()
    assert "Đã lưu ngưỡng do tỉnh nhập." in province.content()

    phone = new_page(width=360, height=740)
    log_in(phone, live_server.url, "commune_officer", PASSWORD)
    phone.get_by_role("navigation", name="Lối tắt").get_by_role(
        "link", name="Phổ cập, xóa mù chữ"
    ).click()
    phone.get_by_test_id("next-pcgd_thcs").get_by_text(SHORT).wait_for()
    assert "Đạt mức độ 1" in phone.get_by_test_id("level-pcgd_thcs").inner_text()
    _fits(phone)
    # The rates stack on a phone: each line's threshold is read without scrolling sideways.
    threshold = phone.get_by_test_id("family-pcgd_thcs").locator('td[data-label="Tối thiểu"]')
    box = threshold.first.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 360, box

    phone.get_by_test_id("visit-pcgd_thcs").click()
    row = phone.locator("tr", has_text=made.last.full_name)
    row.wait_for()
    _fits(phone)
    row.get_by_role("link", name=made.household.head_name).click()
    member = phone.get_by_test_id(f"member-{made.last.pk}")
    prefix = f"s{made.last.pk}"
    member.locator(f"select[name={prefix}-status]").select_option("finished")
    member.locator(f"select[name={prefix}-level]").select_option("")
    member.locator(f"input[name={prefix}-grade]").fill("")
    member.locator(f"input[name={prefix}-lower_secondary_diploma_year]").fill(str(YEAR))
    phone.get_by_test_id("entry-save").click()
    phone.wait_for_load_state()
    assert not phone.get_by_test_id("entry-problems").count(), phone.content()

    phone.goto(live_server.url + reverse("pcgd:commune", args=[world.commune.pk]))
    assert "Đạt mức độ 2" in phone.get_by_test_id("level-pcgd_thcs").inner_text()
    assert SHORT not in phone.content()
    _fits(phone)
    phone.get_by_test_id("submit-form").get_by_role(
        "button", name="Gửi hồ sơ đề nghị công nhận"
    ).click()
    assert phone.get_by_test_id("dossier-state").inner_text() == "Đã gửi đề nghị"

    province.goto(live_server.url + reverse("pcgd:province", args=[world.province.pk]))
    province.get_by_test_id("waiting-dossiers").get_by_role("link", name=world.commune.name).click()
    province.get_by_role("button", name="Đã kiểm tra, đủ điều kiện").click()
    assert province.get_by_test_id("dossier-state").inner_text() == "Đã kiểm tra"
    form = province.get_by_test_id("recognise-form")
    form.locator("input[name=decision_number]").fill("15/QĐ-UBND")
    form.get_by_role("button", name="Công nhận").click()
    assert province.get_by_test_id("dossier-state").inner_text() == "Đã công nhận"
    assert province.get_by_test_id("decision-docx").count() == 1
    dossier = Dossier.objects.get(commune=world.commune, school_year=YEAR)
    assert "pcgd_thcs_2" in dossier.codes and dossier.decision_number == "15/QĐ-UBND"

    after = _indicator(province, dashboard)
    assert after != before and after.startswith("100%"), after
    phone.goto(live_server.url + reverse("pcgd:commune", args=[world.commune.pk]))
    assert "Đã được công nhận mức độ 2" in phone.get_by_test_id("recognised-pcgd_thcs").inner_text()

    # The province's pages on a phone too.
    small = new_page(width=360, height=740)
    log_in(small, live_server.url, "coordinator", PASSWORD)
    for url in (
        reverse("pcgd:province", args=[world.province.pk]),
        reverse("pcgd:settings", args=[world.province.pk]),
        reverse("pcgd:dossier", args=[dossier.pk]),
    ):
        small.goto(live_server.url + url)
        _fits(small)
