"""XHHT_REQUIRE_TOTP_ROLES: holders of those roles must set up and use a one-time code."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django import Settings

from xhht.accounts.middleware import OfficerOtpMiddleware
from xhht.testing.world import PASSWORD, World


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _logged_in(username: str) -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.fixture
def admin_needs_totp(settings: Settings) -> None:
    settings.XHHT_REQUIRE_TOTP_ROLES = frozenset({"admin", "province_coordinator"})


def test_an_administrator_without_a_device_can_only_set_one_up(
    world: World, admin_needs_totp: None
) -> None:
    client = _logged_in("admin")
    for url in (reverse("site:home"), reverse("accounts:manage_users"), "/api/v1/places/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("accounts:otp_setup"), url
    page = client.get(reverse("accounts:otp_setup"))
    assert page.status_code == 200
    assert "bắt buộc" in page.content.decode()
    device = TOTPDevice.objects.get(user=world.admin, confirmed=False)
    assert client.post(reverse("accounts:otp_setup"), {"token": _code(device)}).status_code == 302
    assert client.get(reverse("accounts:manage_users")).status_code == 200


def test_an_administrator_with_a_device_must_enter_a_code_at_each_login(
    world: World, admin_needs_totp: None
) -> None:
    device = TOTPDevice.objects.create(user=world.admin, name="app", confirmed=True)
    client = _logged_in("admin")
    response = client.get(reverse("accounts:manage_users"))
    assert response["Location"] == reverse("accounts:otp_verify")
    # Setting up a new device does not get round the code of the existing one.
    assert client.get(reverse("accounts:otp_setup"))["Location"] == reverse("accounts:otp_verify")
    client.post(reverse("accounts:otp_verify"), {"token": _code(device)})
    assert client.get(reverse("accounts:manage_users")).status_code == 200


def test_a_province_coordinator_is_held_too_but_not_a_commune_officer(
    world: World, admin_needs_totp: None
) -> None:
    assert _logged_in("coordinator").get(reverse("site:home"))["Location"] == reverse(
        "accounts:otp_setup"
    )
    assert _logged_in("commune_officer").get(reverse("site:home")).status_code in {200, 302}
    response = _logged_in("commune_officer").get(reverse("site:home"))
    assert response.get("Location") != reverse("accounts:otp_setup")


def test_a_held_user_may_still_log_out(world: World, admin_needs_totp: None) -> None:
    client = _logged_in("admin")
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_by_default_no_role_is_held(world: World) -> None:
    response = _logged_in("admin").get(reverse("accounts:manage_users"))
    assert response.status_code == 200


def test_an_unknown_role_in_the_setting_stops_the_server_at_start(settings: Settings) -> None:
    settings.XHHT_REQUIRE_TOTP_ROLES = frozenset({"admn"})
    with pytest.raises(ImproperlyConfigured, match="admn"):
        OfficerOtpMiddleware(lambda request: None)  # type: ignore[arg-type,return-value]  # a get_response never called
