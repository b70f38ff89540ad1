"""Links from user data: only http(s) reach an href, read the way a browser reads a scheme."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from xhht.core.weblinks import check_web_link, is_web_link, web_scheme

HOSTILE = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "\x01javascript:alert(1)",
    "java\tscr\nipt:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "vbscript:x",
    "file:///etc/passwd",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_scheme_a_browser_would_run_is_not_a_web_link(value: str) -> None:
    assert not is_web_link(value)
    assert check_web_link(value) is not None


def test_the_scheme_is_read_case_folded_after_dropping_tabs_and_edge_controls() -> None:
    assert web_scheme(" \tJaVa\nScript:x") == "javascript"
    assert web_scheme("HTTPS://a.vn") == "https"
    assert web_scheme("Quyết định 448") is None


@pytest.mark.parametrize("value", ["http://a.vn/x", " HTTPS://a.vn/?q=1&r=2 "])
def test_http_and_https_are_web_links(value: str) -> None:
    assert is_web_link(value) and check_web_link(value) is None


def _render(value: str) -> str:
    template = Template('{% load weblinks %}{{ v|web_link:"nguồn" }}|{{ v|safe_url }}')
    return template.render(Context({"v": value}))


@pytest.mark.parametrize("value", HOSTILE)
def test_the_filters_render_a_hostile_value_as_text(value: str) -> None:
    html = _render(value)
    assert "<a " not in html and "href" not in html
    assert html.endswith("|")  # safe_url gives nothing


def test_the_filters_link_a_web_address_and_escape_it() -> None:
    html = _render('https://a.vn/?q="x"&r=1')
    assert html.startswith('<a href="https://a.vn/?q=&quot;x&quot;&amp;r=1" rel="noopener')
    assert ">nguồn</a>|" in html
