"""In a real browser on a 360 px phone: a person registers from the login page (picking the
commune and hamlet from the place tree), the hamlet head confirms the claim from the home page,
and the citizen then sees their own record."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from xhht.citizens.models import Claim
from xhht.citizens.tests import factories
from xhht.registry.models import Person
from xhht.testing.browser import log_in
from xhht.testing.world import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _fits(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def test_register_then_the_hamlet_head_confirms(
    world: World, live_server: Any, new_page: Any
) -> None:
    person = factories.person(world)
    citizen = new_page(width=360, height=740)
    citizen.goto(live_server.url + reverse("accounts:login"))
    citizen.get_by_test_id("register-link").click()
    _fits(citizen)
    citizen.fill("input[name=full_name]", "Trần Thị Bình")
    citizen.fill("input[name=cccd]", factories.CCCD)
    citizen.fill("input[name=birth_date]", factories.BIRTH.isoformat())
    citizen.fill("input[name=phone]", "0912 000 111")
    citizen.select_option("select[name=province]", str(world.province.pk))
    citizen.wait_for_selector(
        f"select[name=commune] option[value='{world.commune.pk}']", state="attached"
    )
    citizen.select_option("select[name=commune]", str(world.commune.pk))
    citizen.wait_for_selector(
        f"select[name=hamlet] option[value='{world.hamlet.pk}']", state="attached"
    )
    citizen.select_option("select[name=hamlet]", str(world.hamlet.pk))
    citizen.fill("input[name=password]", factories.PASSWORD)
    citizen.fill("input[name=password_again]", factories.PASSWORD)
    citizen.get_by_role("button", name="Gửi đăng ký").click()
    citizen.wait_for_load_state()
    assert "Yêu cầu đã được gửi" in citizen.get_by_test_id("registered").inner_text()
    username = citizen.get_by_test_id("username").inner_text()
    assert Claim.objects.get().account.username == username
    _fits(citizen)

    officer = new_page(width=360, height=740)
    log_in(officer, live_server.url, "hamlet_head", PASSWORD)
    officer.get_by_text("Trần Thị Bình").first.click()
    _fits(officer)
    assert "*********321" in officer.content()
    officer.get_by_test_id("confirm").click()
    officer.wait_for_load_state()
    assert "Đã liên kết tài khoản" in officer.content()
    person.refresh_from_db()
    assert person.user is not None and person.user.username == username

    citizen.goto(live_server.url + reverse("citizens:me"))
    assert "Khu vực 1" in citizen.get_by_test_id("my-record").inner_text()
    assert Person.objects.get(user__username=username) == person
    _fits(citizen)
