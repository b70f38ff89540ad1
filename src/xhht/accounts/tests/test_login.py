"""Password login, lockout after repeated failures, optional TOTP for officers, session expiry."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django import Settings

from xhht.testing.clients import ClientFor
from xhht.testing.world import PASSWORD, World


def _login(client: Client, username: str, password: str) -> int:
    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    return response.status_code


def test_a_good_password_logs_in_and_a_bad_one_says_so_in_vietnamese(world: World) -> None:
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": "commune_officer", "password": "sai"}
    )
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()
    assert _login(client, "commune_officer", PASSWORD) == 302


def test_repeated_failures_lock_the_account_even_with_the_right_password(world: World) -> None:
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "commune_officer", "sai-mật-khẩu")
    response = client.post(
        reverse("accounts:login"), {"username": "commune_officer", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()


def test_an_officer_with_totp_must_enter_a_code_before_anything_else(
    world: World, settings: Settings
) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no wait after the wrong code
    device = TOTPDevice.objects.create(user=world.commune_officer, name="app", confirmed=True)
    client = Client()
    assert _login(client, "commune_officer", PASSWORD) == 302
    response = client.get(reverse("places:index"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:otp_verify")
    response = client.post(reverse("accounts:otp_verify"), {"token": "000000"})
    assert "Mã không đúng hoặc đã hết hạn." in response.content.decode()
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    response = client.post(reverse("accounts:otp_verify"), {"token": code})
    assert response.status_code == 302
    assert client.get(reverse("places:index")).status_code == 302  # on to their commune
    assert client.get(reverse("places:detail", args=[world.commune.pk])).status_code == 200


def test_turning_on_totp_needs_a_valid_code(world: World, client_for: ClientFor) -> None:
    client = client_for(world.commune_officer)
    page = client.get(reverse("accounts:otp_setup"))
    assert "data:image/svg+xml;base64," in page.content.decode()
    device = TOTPDevice.objects.get(user=world.commune_officer, confirmed=False)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    response = client.post(reverse("accounts:otp_setup"), {"token": code})
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=world.commune_officer, confirmed=True).count() == 1


def test_a_session_is_refreshed_by_use_but_written_at_most_every_few_minutes(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.contrib.sessions.models import Session

    clock = [1_000_000.0]
    monkeypatch.setattr("xhht.accounts.middleware.time.time", lambda: clock[0])
    client = Client()
    client.force_login(world.commune_officer)
    key = client.session.session_key

    def expiry() -> datetime.datetime:
        return Session.objects.get(session_key=key).expire_date

    client.get(reverse("site:home"))
    first = expiry()
    clock[0] += 60  # a minute later: no write
    client.get(reverse("site:home"))
    assert expiry() == first
    clock[0] += settings.XHHT_SESSION_REFRESH_SECONDS  # later still: the expiry moves on
    client.get(reverse("site:home"))
    assert expiry() > first
    assert settings.SESSION_COOKIE_AGE == 8 * 3600


def test_password_validators_refuse_weak_passwords(world: World) -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("12345678", world.commune_officer)
