"""The public catalogue, as anyone sees it without logging in: search, filters, a resource's
page and its JSON-LD, counted views and downloads, collections."""

from __future__ import annotations

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from xhht.centres.tests import factories as centre_factories
from xhht.resources import actions
from xhht.resources.models import Resource
from xhht.resources.tests import factories, jsonld_check
from xhht.testing.world import World

pytestmark = pytest.mark.django_db
BROWSER = {"user-agent": "Mozilla/5.0 (Linux; Android 14) Chrome/130 Mobile Safari/537.36"}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_anyone_searches_without_diacritics_and_sees_published_ones_only(
    world: World, client: Client
) -> None:
    factories.published_resource(world, "Kỹ năng số cơ bản")
    factories.published_resource(world, "Nuôi cá tra")
    factories.submitted_resource(world, "Kỹ năng số chưa duyệt")
    factories.draft_resource(world, "Kỹ năng số bản nháp")
    response = client.get(reverse("resources:catalogue"), {"q": "ky nang so"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kỹ năng số cơ bản" in page
    assert "chưa duyệt" not in page and "bản nháp" not in page and "Nuôi cá tra" not in page


def test_filters_by_topic_kind_audience_and_licence(world: World, client: Client) -> None:
    factories.published_resource(world, "Kỹ năng số cơ bản")
    other = factories.draft_resource(world, "Luật giao thông")
    actions.update_resource(
        user=world.commune_officer,
        resource=other,
        fields=factories.fields(
            "Luật giao thông",
            kind=Resource.Kind.DOCUMENT,
            licence=Resource.Licence.CC0,
            audience=Resource.Audience.YOUTH,
            topics=[],
        ),
    )
    actions.submit_resource(user=world.commune_officer, resource=other)
    actions.publish_resource(user=world.coordinator, resource=other)
    url = reverse("resources:catalogue")
    queries: list[tuple[dict[str, str | int], str]] = [
        ({"kind": "document"}, "Luật giao thông"),
        ({"licence": "cc_by"}, "Kỹ năng số cơ bản"),
        ({"audience": "youth"}, "Luật giao thông"),
        ({"topic": centre_factories.topic().pk}, "Kỹ năng số cơ bản"),
    ]
    for query, expected in queries:
        titles = re.findall(r"<strong>([^<]+)</strong>", client.get(url, query).content.decode())
        assert titles == [expected], query


def test_the_catalogue_page_costs_the_same_queries_for_many_resources(
    world: World, client: Client, django_assert_max_num_queries: object
) -> None:
    for n in range(25):
        factories.published_resource(world, f"Kỹ năng số bài {n}")
    with django_assert_max_num_queries(6):  # type: ignore[operator]  # pytest-django's fixture
        response = client.get(reverse("resources:catalogue"))
    assert response.content.decode().count('data-testid="result"') == 20


def test_a_resource_page_carries_learning_resource_json_ld(world: World, client: Client) -> None:
    resource = factories.published_resource(world, "Kỹ năng số </script><b>x</b>")
    response = client.get(reverse("resources:detail", args=[resource.uid]))
    html = response.content.decode()
    assert "</script><b>" not in html
    [item] = jsonld_check.learning_resources(html)
    jsonld_check.check(item)
    assert item["name"] == "Kỹ năng số </script><b>x</b>"
    assert item["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert item["inLanguage"] == "vi"
    assert item["learningResourceType"] == "video"
    assert item["about"][0]["termCode"] == "digital_skills"
    assert item["url"].endswith(f"/resources/r/{resource.uid}/")
    block = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    assert block is not None and json.loads(block.group(1)) == item


def test_the_strict_policy_stays_on_the_resource_page(world: World, client: Client) -> None:
    resource = factories.published_resource(world)
    response = client.get(reverse("resources:detail", args=[resource.uid]))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_an_unpublished_resource_has_no_public_page(world: World, client: Client) -> None:
    resource = factories.submitted_resource(world)
    assert client.get(reverse("resources:detail", args=[resource.uid])).status_code == 404


def test_views_are_counted_once_a_minute_per_visitor_and_never_for_robots(
    world: World, client: Client
) -> None:
    resource = factories.published_resource(world)
    url = reverse("resources:detail", args=[resource.uid])
    client.get(url, headers=BROWSER)
    client.get(url, headers=BROWSER)
    client.head(url, headers=BROWSER)
    client.get(url, headers={"user-agent": "Googlebot/2.1 (+http://www.google.com/bot.html)"})
    client.get(url)
    Client().get(url, headers={"user-agent": "Mozilla/5.0 Firefox/140"}, REMOTE_ADDR="10.0.0.9")
    assert Resource.objects.get(pk=resource.pk).view_count == 2


def test_a_download_is_counted_and_named(world: World, client: Client) -> None:
    centre = world.once("centre", centre_factories.centre)
    upload = SimpleUploadedFile("Sổ tay kỹ năng số.pdf", PDF, content_type="application/pdf")
    resource = actions.create_resource(
        user=world.commune_officer,
        fields=factories.fields(url=""),
        centre=centre,
        upload=upload,
    )
    actions.submit_resource(user=world.commune_officer, resource=resource)
    actions.publish_resource(user=world.coordinator, resource=resource)
    response = client.get(reverse("resources:download", args=[resource.uid]), headers=BROWSER)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]  # a FileResponse
    assert "attachment" in response["Content-Disposition"]
    assert "filename*=utf-8''S%E1%BB%95" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert Resource.objects.get(pk=resource.pk).download_count == 1


def test_a_collection_shows_its_published_resources_in_order(world: World, client: Client) -> None:
    shelf = factories.collection(world)
    response = client.get(reverse("resources:collection", args=[shelf.pk]))
    assert "Kỹ năng số cơ bản" in response.content.decode()
    listing = client.get(reverse("resources:collections")).content.decode()
    assert "Tủ sách kỹ năng số" in listing


def test_a_resource_page_costs_a_few_queries(
    world: World, client: Client, django_assert_max_num_queries: object
) -> None:
    resource = factories.published_resource(world)
    url = reverse("resources:detail", args=[resource.uid])
    # The resource with its topics (2), its collections, the counted view.
    with django_assert_max_num_queries(4):  # type: ignore[operator]  # pytest-django's fixture
        assert client.get(url, headers=BROWSER).status_code == 200


def test_visitors_and_officers_find_the_catalogue_from_any_page(
    world: World, client: Client
) -> None:
    link = f'href="{reverse("resources:catalogue")}"'
    assert link in client.get(reverse("accounts:login")).content.decode()
    client.force_login(world.citizen)
    assert link in client.get(reverse("site:home")).content.decode()
