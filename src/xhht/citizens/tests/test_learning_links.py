"""The officers confirming a citizen's declared line open the certificate photo the citizen
attached, from the confirmation queue and from the person's learning record (centres shows the
links ``citizens.learning_links`` gives it); one query for the whole page, however many lines."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django import Settings

from xhht.citizens import learning
from xhht.citizens.tests import learning_factories as lf
from xhht.testing.world import World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(tmp_path: Path, settings: Settings) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def _queue_queries(client: Client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("centres:record_queue"))
    assert response.status_code == 200
    return response.content.decode(), len(captured)


def test_the_officer_opens_the_certificate_photo_of_a_waiting_line(
    client: Client, world: World
) -> None:
    line = lf.studied_line(world)
    photo = reverse("citizens:learning_certificate", args=[line.pk])
    client.force_login(world.commune_officer)
    _queue_queries(client)  # the session's first request reads more
    page, queries = _queue_queries(client)
    assert page.count('data-testid="queue-line"') == 1
    assert f'href="{photo}" data-testid="line-certificate"' in page
    response = client.get(photo)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    record = client.get(reverse("centres:person_record", args=[line.entry.person_id]))
    assert f'href="{photo}" data-testid="line-certificate"' in record.content.decode()

    for number in range(3):  # more lines, with and without a photo: the same queries
        learning.add_own_learning(
            user=world.citizen,
            person=line.entry.person,
            kind="book",
            title=f"Sách số {number}",
            year=2026,
            hours=Decimal("2"),
            certificate=lf.certificate_photo() if number % 2 else None,
        )
    page, more_queries = _queue_queries(client)
    assert page.count('data-testid="queue-line"') == 4
    assert page.count('data-testid="line-certificate"') == 2
    assert more_queries == queries
