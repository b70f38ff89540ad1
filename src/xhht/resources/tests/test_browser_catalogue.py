"""On a phone, without logging in: a visitor searches "ky nang so" (no diacritics) and finds the
published "Kỹ năng số" resources, not the ones waiting for the curator; the resource's page
carries LearningResource JSON-LD, read from the page and parsed, and the strict
Content-Security-Policy reports nothing about it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from xhht.resources.tests import factories, jsonld_check
from xhht.testing.world import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
#: Every Content-Security-Policy violation of the page, as the browser reports it.
VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


def test_an_anonymous_visitor_finds_kynang_so_on_a_phone_and_reads_its_json_ld(
    world: World, live_server: Any, new_page: Any
) -> None:
    factories.published_resource(world, "Kỹ năng số cơ bản")
    factories.published_resource(world, "Kỹ năng số cho người cao tuổi")
    factories.published_resource(world, "Nuôi cá tra")
    factories.submitted_resource(world, "Kỹ năng số chưa duyệt")
    phone = new_page(width=360, height=740)
    problems: list[str] = []
    phone.on("pageerror", lambda e: problems.append(str(e)))
    phone.add_init_script(VIOLATIONS)

    phone.goto(f"{live_server.url}/resources/")
    box = phone.get_by_label("Tìm kiếm").bounding_box()
    assert box is not None and box["width"] >= 250, box  # one filter a row on a phone
    phone.get_by_label("Tìm kiếm").fill("ky nang so")
    phone.get_by_role("button", name="Tìm").click()
    phone.wait_for_url("**/resources/?q=ky+nang+so*")
    titles = phone.get_by_test_id("result").locator("strong").all_inner_texts()
    assert sorted(titles) == ["Kỹ năng số cho người cao tuổi", "Kỹ năng số cơ bản"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    phone.get_by_role("link", name="Kỹ năng số cơ bản").click()
    phone.wait_for_url("**/resources/r/*/")
    assert phone.get_by_test_id("resource-title").inner_text() == "Kỹ năng số cơ bản"
    block = phone.locator('script[type="application/ld+json"]').text_content()
    item = json.loads(block)
    jsonld_check.check(item)
    assert item["name"] == "Kỹ năng số cơ bản"
    assert item["url"] == phone.url
    assert jsonld_check.learning_resources(phone.content()) == [item]
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert phone.evaluate("window.cspViolations") == []
    assert not problems, problems
