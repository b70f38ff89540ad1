"""User names are ASCII after NFKC, so every name that can be created can also log in."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from xhht.accounts.actions import AccountError, create_account
from xhht.accounts.models import User
from xhht.testing.clients import ClientFor
from xhht.testing.world import PASSWORD, World

STRONG = "Hoc-tap-suot-doi-2030"
FULL_WIDTH = "ｔｈｕ．ｂａ"  # "thu.ba" typed with a full-width keyboard layout


def _create(client: Client, username: str) -> str:
    data = {"username": username, "full_name": "Lê Thu Ba", "password": STRONG}
    return client.post(reverse("accounts:manage_user_create"), data).content.decode()


def _login(username: str, password: str) -> int:
    data = {"username": username, "password": password}
    return Client().post(reverse("accounts:login"), data).status_code


def test_a_full_width_name_is_stored_as_ascii_and_logs_in_however_it_is_typed(
    world: World, client_for: ClientFor
) -> None:
    _create(client_for(world.coordinator), FULL_WIDTH)
    assert User.objects.filter(username="thu.ba").exists()
    assert _login(FULL_WIDTH, STRONG) == 302
    assert _login("thu.ba", STRONG) == 302


@pytest.mark.parametrize("username", ["nguyễn.an", "an bình", "an@xa.vn", "an+1", "ａｎ＠ｘａ"])
def test_a_name_with_other_characters_is_refused_in_vietnamese(
    username: str, world: World, client_for: ClientFor
) -> None:
    page = _create(client_for(world.coordinator), username)
    assert "Tên đăng nhập chỉ gồm chữ cái không dấu" in page
    assert not User.objects.filter(full_name="Lê Thu Ba").exists()


def test_a_full_width_twin_of_an_existing_name_is_refused(
    world: World, client_for: ClientFor
) -> None:
    page = _create(client_for(world.coordinator), "ｃｏｍｍｕｎｅ＿ｏｆｆｉｃｅｒ")
    assert "đã có người dùng" in page


def test_the_create_action_normalises_and_checks_too(world: World) -> None:
    user, _password = create_account(
        manager=world.admin, username=FULL_WIDTH, full_name="Lê Thu Ba", password=STRONG
    )
    assert user.username == "thu.ba"
    with pytest.raises(AccountError, match="chữ cái không dấu"):
        create_account(manager=world.admin, username="nguyễn", full_name="N", password=STRONG)


def test_the_model_refuses_a_non_ascii_name_in_any_other_path(world: World) -> None:
    with pytest.raises(ValidationError):
        User(username="nguyễn", password="x").full_clean()


def test_the_login_form_ignores_spaces_around_the_name(world: World) -> None:
    assert _login("  commune_officer ", PASSWORD) == 302
