"""A province coordinator imports the Cần Thơ plan, confirms its targets and sees its progress."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from xhht.indicators.rollups import adjust
from xhht.plans.models import Plan
from xhht.plans.seeds import seeds_dir
from xhht.registry.models import Household, Unit
from xhht.testing.browser import log_in
from xhht.testing.world import PASSWORD, World


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_coordinator_imports_the_can_tho_plan_and_sees_its_2024_progress(
    world: World, live_server: Any, new_page: Any
) -> None:
    seed = sorted(Path(seeds_dir()).glob("001_*"))[0]
    for i in range(4):
        Household.objects.create(code=f"H{i}", place=world.hamlet, head_name=f"Chủ hộ {i}")
    Unit.objects.create(
        code="U1",
        name="Trường Tiểu học Ninh Kiều",
        kind="school",
        level="commune",
        place=world.commune,
    )
    adjust(indicator="unit", place=world.commune, year=2024, numerator=1)

    page = new_page(width=390)
    log_in(page, live_server.url, "coordinator", PASSWORD)
    page.goto(f"{live_server.url}/plans/import/")
    page.select_option("select[name=place]", label="Thành phố Cần Thơ")
    page.set_input_files("input[name=file]", str(seed))
    page.click("text=Đọc văn bản")
    page.wait_for_url("**/plans/import/confirm/")
    assert page.locator("[data-testid=proposed-targets] tbody tr").count() == 14
    assert page.input_value("input[name=number]") == "74/KH-BCĐ"
    page.click("text=Xác nhận và lưu")
    page.wait_for_url("**/plans/*/")
    assert "55,55%" in page.inner_text("[data-testid=targets]")

    plan = Plan.objects.get(number="74/KH-BCĐ")
    assert plan.targets.count() == 14 and plan.source_document
    page.click("text=Xem tiến độ")
    page.wait_for_selector("[data-testid=progress-table]")
    table = page.inner_text("[data-testid=progress-table]")
    assert "Đơn vị học tập" in table and "100%" in table  # 1 of 1 unit recognised in 2024
    page.wait_for_function("window.progressChart && window.progressChart.data.labels.length == 14")
