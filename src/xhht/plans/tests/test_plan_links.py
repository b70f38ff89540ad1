"""Every link a plan page shows answers the user who sees it: "Xem tiến độ" leads to a place
the user sees, "Nhập kế hoạch từ văn bản" is shown only to who may import, and the source
document is served through the plan's access check, never a /media/ path."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from xhht.plans.models import Plan
from xhht.reporting.tests.factories import make_task
from xhht.testing.world import World


@pytest.fixture(autouse=True)
def _media(tmp_path: object, settings: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def _province_plan(world: World) -> Plan:
    plan = Plan.objects.create(
        place=world.province,
        number="120/KH-UBND",
        date=datetime.date(2024, 5, 4),
        issuer="UBND thành phố",
        period_start=2024,
        period_end=2024,
        source_name="ke-hoach-120.txt",
    )
    plan.source_document.save("ke-hoach-120.txt", ContentFile("Kế hoạch 120".encode()), save=True)
    return plan


def _links(body: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', body)


@pytest.mark.parametrize("persona", ["hamlet_head", "commune_officer", "coordinator", "reviewer"])
def test_every_link_on_a_plan_page_answers_its_viewer(
    world: World, client_for: Any, persona: str
) -> None:
    plan = _province_plan(world)
    client = client_for(getattr(world, persona))
    page = client.get(reverse("plans:detail", args=[plan.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "/media/" not in body
    assert "2024–2024" not in body
    progress = [h for h in _links(body) if "/indicators/" in h and "plan=" in h]
    assert progress, "Xem tiến độ"
    source = reverse("plans:source_document", args=[plan.pk])
    assert source in _links(body)
    for href in [*progress, source]:
        assert client.get(href.replace("&amp;", "&")).status_code == 200, href


def test_the_source_document_is_refused_outside_the_plans_scope(
    world: World, client_for: Any
) -> None:
    plan = _province_plan(world)
    url = reverse("plans:source_document", args=[plan.pk])
    response = client_for(world.commune_officer).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == "Kế hoạch 120".encode()
    assert "ke-hoach-120.txt" in response["Content-Disposition"]
    assert client_for(world.outsider).get(url).status_code == 404


def test_the_import_button_is_shown_only_to_who_may_import(world: World, client_for: Any) -> None:
    url = reverse("plans:index")
    import_url = reverse("plans:import")
    for persona, shown in (("hamlet_head", False), ("reviewer", False), ("coordinator", True)):
        client = client_for(getattr(world, persona))
        body = client.get(url).content.decode()
        assert (import_url in body) is shown, persona
        if shown:
            assert client.get(import_url).status_code == 200


def test_a_plans_tasks_are_links_only_for_who_may_open_them(world: World, client_for: Any) -> None:
    plan = _province_plan(world)
    task = make_task(world)
    task.plan = plan
    task.save()
    task_url = reverse("reporting:task_detail", args=[task.pk])
    for persona, linked in (("coordinator", True), ("commune_officer", False)):
        client = client_for(getattr(world, persona))
        body = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
        assert "Đẩy mạnh tuyên truyền" in body, persona
        assert (task_url in body) is linked, persona
        if linked:
            assert client.get(task_url).status_code == 200
        else:
            assert client.get(task_url).status_code == 404
