"""On a phone: a commune officer registers the commune's learning centre, sees its equipment,
and a second active centre in the same commune is refused with a message."""

from __future__ import annotations

from typing import Any

import pytest

from xhht.centres.models import Centre
from xhht.testing.browser import log_in
from xhht.testing.world import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill(page: Any, code: str, name: str) -> None:
    page.get_by_label("Mã cơ sở").fill(code)
    page.get_by_label("Tên chính thức").fill(name)
    page.get_by_label("Loại cơ sở").select_option("tthtcd")
    page.get_by_label("Địa bàn").select_option(label="Phường Ninh Kiều")
    page.get_by_label("Số máy tính").fill("6")
    page.get_by_label("Có kết nối Internet").check()


def test_a_commune_officer_registers_the_communes_centre_on_a_phone(
    world: World, live_server: Any, new_page: Any
) -> None:
    phone = new_page(width=360, height=740)
    log_in(phone, live_server.url, "commune_officer", PASSWORD)
    phone.goto(f"{live_server.url}/centres/new/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    _fill(phone, "TTHTCD-31135", "Trung tâm học tập cộng đồng phường Ninh Kiều")
    phone.get_by_role("button", name="Lưu").click()
    phone.wait_for_url("**/centres/*/")
    equipment = phone.get_by_test_id("equipment")
    assert "6" in equipment.inner_text() and "Có" in equipment.inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert Centre.objects.get().networked

    phone.goto(f"{live_server.url}/centres/new/")
    _fill(phone, "TTHTCD-2", "Trung tâm thứ hai")
    phone.get_by_role("button", name="Lưu").click()
    assert phone.get_by_text("đã có một trung tâm học tập cộng đồng đang hoạt động").is_visible()
    assert Centre.objects.count() == 1
