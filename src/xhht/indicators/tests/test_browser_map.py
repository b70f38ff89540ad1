"""A coordinator uploads commune boundaries and sees the progress map instead of the heat table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from xhht.indicators.tests.test_boundaries import collection, progress_world, square
from xhht.testing.browser import log_in
from xhht.testing.world import PASSWORD, World


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_coordinator_uploads_boundaries_and_sees_each_commune_on_the_map(
    world: World, live_server: Any, new_page: Any, tmp_path: Path
) -> None:
    progress_world(world)
    boundaries = tmp_path / "ranh-gioi.geojson"
    boundaries.write_bytes(
        collection(square("31135", 105.7), square("31120", 105.8), square("99999", 105.9))
    )
    page = new_page(width=390)
    log_in(page, live_server.url, "coordinator", PASSWORD)
    page.goto(f"{live_server.url}/indicators/places/{world.province.pk}/?year=2024")
    assert page.locator("[data-testid=children-table]").is_visible()
    page.click("text=Bản đồ ranh giới")
    page.set_input_files("input[name=file]", str(boundaries))
    page.click("text=Kiểm tra và lưu")
    assert "99999" in page.inner_text("[data-testid=unmatched-features]")

    page.goto(f"{live_server.url}/indicators/places/{world.province.pk}/?year=2024")
    page.wait_for_selector("#progress-map[data-features='2']")
    assert page.locator("#progress-map path.leaflet-interactive").count() == 2
    assert page.locator("#progress-map img.leaflet-tile").count() == 0  # no tile server
    assert "Đạt kế hoạch" in page.inner_text("[data-testid=map-legend]")
    page.locator("#progress-map path.leaflet-interactive").nth(1).hover()
    tooltip = page.wait_for_selector(".leaflet-tooltip")
    assert tooltip is not None
    assert "Phường Cái Khế: 55,55%" in tooltip.inner_text()
