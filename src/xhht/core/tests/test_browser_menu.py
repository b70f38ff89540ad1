"""The menu: a bar on a wide screen (no "☰ Menu" to open first), behind a button on a phone."""

from __future__ import annotations

from typing import Any

import pytest

from xhht.testing.browser import log_in
from xhht.testing.world import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_wide_screen_shows_the_menu_and_a_phone_opens_it(
    world: World, live_server: Any, new_page: Any
) -> None:
    wide = new_page(width=1280)
    log_in(wide, live_server.url, "commune_officer", PASSWORD)
    nav = wide.get_by_role("navigation", name="Điều hướng chính")
    assert nav.get_by_role("link", name="Địa bàn").is_visible()
    assert not wide.locator("details.menu summary").is_visible()

    phone = new_page(width=360, height=740)
    log_in(phone, live_server.url, "commune_officer", PASSWORD)
    link = phone.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Địa bàn"
    )
    assert not link.is_visible()
    phone.locator("details.menu summary").click()
    assert link.is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
