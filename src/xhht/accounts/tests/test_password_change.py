"""A user changes their own password: current one checked, new one validated, audited, still
logged in on this device and logged out elsewhere."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from xhht.audit.models import AuditEntry
from xhht.testing.world import PASSWORD, World

NEW = "Hoc-tap-suot-doi-2030"
URL = reverse("accounts:password_change")


def _logged_in(username: str) -> Client:
    client = Client()
    data = {"username": username, "password": PASSWORD}
    assert client.post(reverse("accounts:login"), data).status_code == 302
    return client


def _change(client: Client, old: str, new1: str, new2: str | None = None) -> str:
    data = {"old_password": old, "new_password1": new1, "new_password2": new2 or new1}
    response = client.post(URL, data)
    return response["Location"] if response.status_code == 302 else response.content.decode()


def test_a_hamlet_head_changes_their_password_and_stays_logged_in(world: World) -> None:
    client = _logged_in("hamlet_head")
    elsewhere = _logged_in("hamlet_head")
    assert _change(client, PASSWORD, NEW) == reverse("accounts:profile")
    assert "Đã đổi mật khẩu." in client.get(reverse("accounts:profile")).content.decode()
    world.hamlet_head.refresh_from_db()
    assert world.hamlet_head.check_password(NEW)
    # The other session ends: its password hash no longer matches.
    assert elsewhere.get(reverse("accounts:profile")).status_code == 302
    entry = AuditEntry.objects.get(step="password_changed")
    assert entry.object_id == str(world.hamlet_head.pk)
    assert NEW not in str(entry.before) + str(entry.after)


def test_a_wrong_current_password_or_a_weak_new_one_is_refused_in_vietnamese(
    world: World,
) -> None:
    client = _logged_in("citizen")
    assert "Mật khẩu hiện tại không đúng" in _change(client, "sai", NEW)
    assert "Hai lần nhập mật khẩu mới không giống nhau." in _change(client, PASSWORD, NEW, "khac")
    assert "Mật khẩu này hoàn toàn là số." in _change(client, PASSWORD, "12345678")
    world.citizen.refresh_from_db()
    assert world.citizen.check_password(PASSWORD)
    assert not AuditEntry.objects.filter(step="password_changed").exists()


def test_the_menu_and_the_profile_link_to_the_page(world: World) -> None:
    page = _logged_in("reviewer").get(reverse("accounts:profile")).content.decode()
    assert page.count(f'href="{URL}"') == 2


def test_an_anonymous_visitor_is_sent_to_log_in(world: World) -> None:
    response = Client().get(URL)
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )
