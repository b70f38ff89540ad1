"""In a real browser: officers of two communes each see only their own commune."""

from __future__ import annotations

from typing import Any

import pytest

from xhht.testing.browser import log_in
from xhht.testing.world import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_two_commune_officers_each_see_only_their_own_commune(
    world: World, live_server: Any, new_page: Any
) -> None:
    first, second = new_page(width=360, height=740), new_page()
    log_in(first, live_server.url, "commune_officer", PASSWORD)
    log_in(second, live_server.url, "other_officer", PASSWORD)

    first.goto(f"{live_server.url}/places/")
    assert first.get_by_test_id("place-name").inner_text() == "Phường Ninh Kiều"
    assert "Khu vực 1" in first.get_by_test_id("children").inner_text()

    second.goto(f"{live_server.url}/places/")
    assert second.get_by_test_id("place-name").inner_text() == "Phường Cái Khế"

    # The other commune's page is simply not there for them, and search does not leak it.
    response = first.goto(f"{live_server.url}/places/{world.other_commune.pk}/")
    assert response is not None and response.status == 404
    assert "Không tìm thấy" in first.content()
    first.goto(f"{live_server.url}/places/{world.commune.pk}/?q=cai+khe")
    assert "Cái Khế" not in first.get_by_test_id("children").inner_text()
    response = second.goto(f"{live_server.url}/places/{world.hamlet.pk}/")
    assert response is not None and response.status == 404


def test_the_menu_works_on_a_phone_and_the_language_switches_to_english(
    world: World, live_server: Any, new_page: Any
) -> None:
    page = new_page(width=360, height=740)
    log_in(page, live_server.url, "commune_officer", PASSWORD)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_text("Menu").click()
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Địa bàn"
    ).click()
    assert page.get_by_test_id("place-name").inner_text() == "Phường Ninh Kiều"
    with page.expect_navigation():
        page.select_option("select[name=language]", "en")
    assert page.locator("html").get_attribute("lang") == "en"
