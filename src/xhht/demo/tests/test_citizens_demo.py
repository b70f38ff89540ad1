"""The demo citizen "congdan" (``demo.citizens``): a resource of the catalogue studied with its
certificate photo, a confirmed book and the year's digital skills; the page shows them, the
self-assessment shows them beside its items, and a second run adds nothing. Also the requests
of ``demo.claims``: thon and xa1 find a claim and a correction in "Việc cần làm"."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings

from xhht.accounts.models import User
from xhht.centres.models import LearningEntry
from xhht.citizens.learning_models import DigitalSkills, StudiedLine
from xhht.citizens.models import Claim, CorrectionRequest
from xhht.demo.citizens import BOOK, seed_citizen_learning
from xhht.demo.claims import ASKED_PHONE, seed_citizen_requests
from xhht.demo.tests.demo_world import build_demo
from xhht.site.work import work_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(tmp_path: Path, settings: Settings) -> None:
    settings.MEDIA_ROOT = str(tmp_path)  # the drawn certificate is written there


def test_the_demo_citizen_has_a_studied_resource_a_book_and_digital_skills() -> None:
    build_demo()
    citizen = User.objects.get(username="congdan")
    studied = StudiedLine.objects.select_related("entry", "resource").get(
        entry__person__user=citizen
    )
    assert studied.resource is not None and studied.resource.title.startswith("Kỹ năng số")
    assert studied.certificate_type == "image/jpeg" and not studied.entry.confirmed
    book = LearningEntry.objects.get(person__user=citizen, title=BOOK)
    assert book.confirmed
    year = timezone.localdate().year
    assert DigitalSkills.objects.get(person__user=citizen, year=year).self_update

    client = Client()
    client.force_login(citizen)
    page = client.get(reverse("citizens:learning")).content.decode()
    assert studied.resource.title in page and BOOK in page
    assert 'data-testid="digital-skilled"' in page and 'data-testid="line-certificate"' in page
    assert (
        seed_citizen_learning(
            citizen=citizen, confirmer=User.objects.get(username="xa1"), year=year
        )
        == 0
    )
    assert StudiedLine.objects.filter(entry__person__user=citizen).count() == 1

    # "Việc cần làm": thon confirms the claim of a generated person of his hamlet (matched by
    # the generated CCCD), xa1 too and the demo citizen's correction; tinh curates resources.
    thon, xa1 = User.objects.get(username="thon"), User.objects.get(username="xa1")
    claim = Claim.objects.select_related("person").get(state=Claim.State.PENDING)
    assert claim.person is not None and claim.person.user_id is None
    assert claim.place == thon.role_assignments.get().place == claim.person.place
    work = {w.key: w for w in work_for(thon)}
    assert [e.text for e in work["claims"].entries] == [claim.full_name]
    work = {w.key: w for w in work_for(xa1)}
    assert work["claims"].count == 1
    correction = CorrectionRequest.objects.get(person__user=citizen)
    assert (correction.field, correction.asked_value) == ("phone", ASKED_PHONE)
    assert work["corrections"].count == 1
    assert {w.key: w for w in work_for(User.objects.get(username="tinh"))}["resources"].count
    assert seed_citizen_requests(hamlet=claim.place, citizen=citizen) == 0
