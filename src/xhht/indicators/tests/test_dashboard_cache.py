"""The progress page and API cached by the version of what they show (``progress.cached``):
never another user's page, never a stale figure, a 304 only while nothing changed."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from xhht.indicators.rollups import adjust
from xhht.plans.models import Target
from xhht.registry.models import Household
from xhht.testing.world import World

from .test_dashboard import cantho_plan


def _households(world: World, count: int = 4) -> None:
    for i in range(count):
        Household.objects.create(code=f"H{i}", place=world.hamlet, head_name=f"Chủ hộ {i}")


def _page(client: Any, url: str, **headers: str) -> Any:
    response = client.get(url, headers=headers)
    assert response.status_code in (200, 304), response.status_code
    return response


def _without_tokens(html: str) -> str:
    """The page less its CSRF tokens (masked afresh on every render)."""
    html = re.sub(r'"X-CSRFToken": "[^"]*"', "", html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def test_a_page_served_from_the_cache_is_the_page_rendered_afresh(
    world: World, client_for: Any
) -> None:
    cantho_plan(world)
    _households(world)
    client = client_for(world.coordinator)
    url = reverse("progress:dashboard", args=[world.province.pk]) + "?year=2024"
    _page(client, url)  # the browser now holds its CSRF cookie (part of the ETag)
    cache.clear()
    fresh = _page(client, url)
    served = _page(client, url)
    assert "board" in fresh.context and "board" not in served.context  # the second: cached
    assert _without_tokens(served.content.decode()) == _without_tokens(fresh.content.decode())
    assert served["ETag"] == fresh["ETag"]
    assert "private" in served["Cache-Control"] and "no-cache" in served["Cache-Control"]


def test_two_users_with_different_scopes_get_their_own_page(world: World, client_for: Any) -> None:
    cantho_plan(world)
    _households(world)
    url = reverse("progress:dashboard", args=[world.commune.pk]) + "?year=2024"
    province_link = reverse("progress:dashboard", args=[world.province.pk])
    cache.clear()
    officer = _page(client_for(world.commune_officer), url)  # cached first, without the link
    coordinator = _page(client_for(world.coordinator), url)
    assert f'href="{province_link}?year=2024"' not in officer.content.decode()
    assert f'href="{province_link}?year=2024"' in coordinator.content.decode()
    assert officer["ETag"] != coordinator["ETag"]
    again = _page(client_for(world.commune_officer), url)
    assert f'href="{province_link}?year=2024"' not in again.content.decode()
    # a cached page is never a way around the check of who may see the place
    assert client_for(world.outsider).get(url).status_code == 404
    other = client_for(world.commune_officer)
    assert other.get(reverse("progress:dashboard", args=[world.province.pk])).status_code == 404


def test_a_changed_count_changes_the_etag_and_the_page(world: World, client_for: Any) -> None:
    cantho_plan(world)
    _households(world)
    client = client_for(world.coordinator)
    url = reverse("progress:dashboard", args=[world.province.pk]) + "?year=2024"
    first = _page(client, url)
    etag = first["ETag"]
    unchanged = _page(client, url, if_none_match=etag)
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged["ETag"] == etag
    adjust(indicator="family", place=world.hamlet, year=2024, numerator=1)
    changed = _page(client, url, if_none_match=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "25%" in changed.content.decode() and "25%" not in first.content.decode()
    # a change made past the models (a raw UPDATE, as a rebuild makes) is seen as well
    Target.objects.filter(indicator__code="family").update(value=Decimal("61"))
    raw = _page(client, url, if_none_match=changed["ETag"])
    assert raw.status_code == 200 and "61%" in raw.content.decode()


def test_a_pending_message_is_shown_not_answered_by_a_304(world: World, client_for: Any) -> None:
    cantho_plan(world)
    client = client_for(world.coordinator)
    url = reverse("progress:dashboard", args=[world.province.pk]) + "?year=2024"
    etag = _page(client, url)["ETag"]
    assert _page(client, url, if_none_match=etag).status_code == 304
    # a message left by the previous page (as after saving a form elsewhere); no data changed
    storage = CookieStorage(RequestFactory().get("/"))
    cookie = storage._encode([Message(constants.SUCCESS, "Đã lưu.")])  # type: ignore[attr-defined]  # not in the stubs
    client.cookies[storage.cookie_name] = cookie
    shown = client.get(url, headers={"if_none_match": etag})
    assert shown.status_code == 200 and "Đã lưu." in shown.content.decode()


def test_the_api_answer_is_cached_by_version_and_revalidated(world: World, client_for: Any) -> None:
    cantho_plan(world)
    _households(world)
    client = client_for(world.coordinator)
    url = reverse("progress-detail", args=[world.province.pk]) + "?year=2024"

    def family(response: Any) -> tuple[int, int]:
        row = next(t for t in response.json()["targets"] if t["indicator"] == "family")
        return row["numerator"], row["denominator"]

    first = client.get(url)
    assert family(first) == (0, 4) and "private" in first["Cache-Control"]
    assert client.get(url, headers={"if_none_match": first["ETag"]}).status_code == 304
    adjust(indicator="family", place=world.hamlet, year=2024, numerator=1)
    second = client.get(url, headers={"if_none_match": first["ETag"]})
    assert second.status_code == 200 and family(second) == (1, 4)
    assert second["ETag"] != first["ETag"]
    assert client_for(world.outsider).get(url).status_code in (403, 404)


def test_the_menu_marks_the_page_it_is_on(world: World, client_for: Any) -> None:
    """The menu (drawn on every page) reverses each link once and still marks the current one."""
    page = client_for(world.admin).get(reverse("progress:home")).content.decode()
    home = reverse("progress:home")
    assert f'<a href="{home}" aria-current="page">' in page
    assert page.count('aria-current="page"') == 1
    assert f'<a href="{reverse("plans:index")}">' in page
