"""A criteria set's sources become links only when they are http(s) URLs (stored XSS, issue 11)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from xhht.accounts.models import User
from xhht.criteria.actions import create_set
from xhht.criteria.definition import DefinitionError, parse_definition
from xhht.criteria.models import CriteriaSet
from xhht.criteria.serialize import to_yaml
from xhht.criteria.tests.helpers import simple_data
from xhht.testing.world import World

ClientFor = Callable[[User], Client]
HOSTILE = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "\njavascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:alert(1)",
]


def _with_sources(source: str) -> dict[str, object]:
    data = simple_data(legal_basis={"document": "QĐ 1", "url": source})
    data["rules"]["source"] = source
    data["criteria"][0]["source"] = source
    data["criteria"][0]["items"][0]["source"] = source
    return data


@pytest.mark.parametrize("source", HOSTILE)
def test_a_source_with_another_scheme_than_http_is_refused_where_it_is(source: str) -> None:
    with pytest.raises(DefinitionError) as refused:
        parse_definition(_with_sources(source))
    text = "\n".join(refused.value.problems)
    for where in ("Căn cứ pháp lý", "Quy tắc", "Tiêu chí TC1:", "Tiêu chí TC1, chỉ báo 1.1"):
        assert where in text
    assert "chỉ dùng địa chỉ web bắt đầu bằng http:// hoặc https://" in text


def test_http_https_and_plain_text_sources_are_accepted() -> None:
    for source in ("https://khuyenhoc.vn/a", "HTTP://example.vn", "Quyết định 448/QĐ-KHVN"):
        parse_definition(_with_sources(source))


def test_a_set_cannot_be_saved_through_the_page_with_a_javascript_source(
    world: World, client_for: ClientFor
) -> None:
    response = client_for(world.admin).post(
        reverse("criteria:create"),
        {"text": to_yaml(_with_sources("javascript:alert(1)")), "save": "1"},
    )
    assert response.status_code == 400
    assert "không được phép" in response.content.decode()
    assert not CriteriaSet.objects.filter(code="thu-nghiem").exists()


@pytest.mark.parametrize("source", HOSTILE)
def test_a_stored_hostile_source_is_shown_as_text_never_as_a_link(
    source: str, world: World, client_for: ClientFor
) -> None:
    # Saved before the check existed: written straight into the stored definition.
    criteria_set = create_set(user=world.admin, data=_with_sources("https://khuyenhoc.vn/a"))
    stored = _with_sources(source) | {"version": 1}
    CriteriaSet.objects.filter(pk=criteria_set.pk).update(definition_json=stored)
    page = client_for(world.admin).get(reverse("criteria:detail", args=[criteria_set.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'href="' + source.strip() not in html
    assert 'href="javascript' not in html.lower() and 'href="data:' not in html
    assert "alert(1)" in html  # shown, as text


def test_a_web_source_is_a_link(world: World, client_for: ClientFor) -> None:
    criteria_set = create_set(user=world.admin, data=_with_sources("https://khuyenhoc.vn/a"))
    page = client_for(world.admin).get(reverse("criteria:detail", args=[criteria_set.pk]))
    assert page.content.decode().count('href="https://khuyenhoc.vn/a"') == 4
