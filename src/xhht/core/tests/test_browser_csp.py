"""Under the Content-Security-Policy the pages still work in a browser, and nothing is blocked."""

from __future__ import annotations

from typing import Any

import pytest

from xhht.indicators.tests.test_boundaries import cantho_boundaries, progress_world
from xhht.progress.geo import save_boundaries
from xhht.testing.browser import log_in
from xhht.testing.world import PASSWORD, World

#: Collects every policy violation of the page (an init script is not itself subject to it).
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile);
});
"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_dashboard_chart_map_and_menus_run_with_no_violation(
    world: World, live_server: Any, new_page: Any
) -> None:
    progress_world(world)
    save_boundaries(user=world.coordinator, province=world.province, content=cantho_boundaries())
    page = new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    log_in(page, live_server.url, "coordinator", PASSWORD)
    page.goto(f"{live_server.url}/indicators/places/{world.province.pk}/?year=2024")
    page.wait_for_selector("#progress-map[data-features='2']")
    assert page.evaluate("window.progressChart.data.datasets[0].label") == "Thực hiện (%)"
    swatch = page.locator(".map-legend .heat-4-swatch")
    assert swatch.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(46, 158, 91)"
    assert page.evaluate("window.__violations") == []
    page.goto(f"{live_server.url}/criteria/")
    with page.expect_navigation():  # the title filter sends its form on change (core/app.js)
        page.select_option("select[name=title]", index=1)
    assert "title=" in page.url
    assert page.evaluate("window.__violations") == []
    # An inline script that got into a page anyway is refused by the browser.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__ran = true'; document.body.appendChild(s); }"
    )
    assert page.evaluate("window.__ran === undefined")
    assert any("script-src" in v for v in page.evaluate("window.__violations"))
