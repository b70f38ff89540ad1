"""The login lockout counts failures per (user name, address) pair, not per address alone."""

from __future__ import annotations

from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import reverse
from pytest_django import Settings

from xhht.accounts.client_ip import client_ip
from xhht.testing.world import PASSWORD, World


def _login(address: str, username: str, password: str) -> int:
    client = Client(REMOTE_ADDR=address)
    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    return response.status_code


def _fail_until_locked(address: str, username: str) -> None:
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(address, username, "sai-mật-khẩu")


def test_failures_on_one_account_do_not_lock_another_account_from_the_same_address(
    world: World,
) -> None:
    _fail_until_locked("10.0.0.1", "commune_officer")
    assert _login("10.0.0.1", "admin", PASSWORD) == 302


def test_failures_from_one_address_do_not_lock_the_account_from_another_address(
    world: World,
) -> None:
    _fail_until_locked("10.0.0.1", "commune_officer")
    assert _login("10.0.0.2", "commune_officer", PASSWORD) == 302


def test_failures_lock_the_account_from_the_address_they_came_from(world: World) -> None:
    _fail_until_locked("10.0.0.1", "commune_officer")
    assert _login("10.0.0.1", "commune_officer", PASSWORD) == 429


def test_without_trusted_proxies_a_forwarded_address_is_ignored(settings: Settings) -> None:
    settings.XHHT_TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert client_ip(request) == "10.0.0.9"


def test_behind_one_proxy_the_client_is_the_address_the_proxy_appended(settings: Settings) -> None:
    settings.XHHT_TRUSTED_PROXY_COUNT = 1
    # The client forged the first entry; the proxy appended the address it saw.
    request = RequestFactory().post(
        "/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7"
    )
    assert client_ip(request) == "203.0.113.7"


def test_behind_a_proxy_two_clients_are_locked_out_separately(
    world: World, settings: Settings
) -> None:
    settings.XHHT_TRUSTED_PROXY_COUNT = 1

    def login(client_address: str, username: str, password: str) -> int:
        client = Client(REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=client_address)
        data = {"username": username, "password": password}
        return client.post(reverse("accounts:login"), data).status_code

    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login("203.0.113.7", "commune_officer", "sai-mật-khẩu")
    assert login("203.0.113.7", "commune_officer", PASSWORD) == 429
    assert login("203.0.113.8", "commune_officer", PASSWORD) == 302


def test_spelling_the_name_another_way_does_not_earn_more_attempts(world: World) -> None:
    # The login form strips spaces and folds full-width letters before the lockout counts, so
    # each of these is a try at the same account.
    variants = [" commune_officer", "commune_officer  ", "ｃｏｍｍｕｎｅ_officer"]
    for variant in (variants * 2)[: settings.AXES_FAILURE_LIMIT]:
        _login("10.0.0.1", variant, "sai-mật-khẩu")
    assert _login("10.0.0.1", "commune_officer", PASSWORD) == 429
