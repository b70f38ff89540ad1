"""Every step posted from a page carries the version the page showed; a form without it (or with
something that is not a version) is refused instead of skipping the check for a concurrent change."""

from __future__ import annotations

from typing import Any

import pytest

from xhht.recognition.models import Assessment, State
from xhht.recognition.tests.factories import family_assessment
from xhht.testing.world import World

MISSING = "phiên bản hồ sơ"
THIRTY_DIGITS = "9" * 30


@pytest.mark.parametrize("version", [None, "", "abc", "1.5", "²", THIRTY_DIGITS])
def test_a_proposal_without_a_valid_version_is_refused(
    world: World, client_for: Any, version: str | None
) -> None:
    assessment = family_assessment(world, state="reviewed")
    data = {} if version is None else {"version": version}
    response = client_for(world.hamlet_head).post(
        f"/recognition/{assessment.pk}/propose/", data, follow=True
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert MISSING in page or "vừa được người khác thay đổi" in page
    assessment.refresh_from_db()
    assert assessment.state == State.REVIEWED


def test_the_version_the_page_showed_is_still_accepted(world: World, client_for: Any) -> None:
    assessment = family_assessment(world, state="reviewed")
    client_for(world.hamlet_head).post(
        f"/recognition/{assessment.pk}/propose/", {"version": assessment.version}
    )
    assessment.refresh_from_db()
    assert assessment.state == State.PROPOSED


def test_a_self_assessment_and_a_review_without_version_save_nothing(
    world: World, client_for: Any
) -> None:
    registered = family_assessment(world, code="HO-101")
    client = client_for(world.hamlet_head)
    answers = {"points-1.1": "8", "met-1.2": "on", "points-2.1": "7", "submit": "1"}
    response = client.post(f"/recognition/{registered.pk}/self-assessment/", answers, follow=True)
    assert MISSING in response.content.decode()
    assert Assessment.objects.get(pk=registered.pk).state == State.REGISTERED
    assessed = family_assessment(world, code="HO-102", state="self_assessed")
    marks = {"points-1.1": "8", "met-1.2": "on", "points-2.1": "7"}
    response = client.post(f"/recognition/{assessed.pk}/review/", marks, follow=True)
    assert MISSING in response.content.decode()
    assert Assessment.objects.get(pk=assessed.pk).state == State.SELF_ASSESSED


def test_a_withdrawal_with_a_thirty_digit_version_is_refused_not_an_error(
    world: World, client_for: Any
) -> None:
    assessment = family_assessment(world)
    response = client_for(world.hamlet_head).post(
        f"/recognition/{assessment.pk}/withdraw/",
        {"version": THIRTY_DIGITS, "reason": "Chuyển đi"},
    )
    assert response.status_code == 302
    assert Assessment.objects.get(pk=assessment.pk).state == State.REGISTERED


def test_a_thirty_digit_year_filter_lists_nothing_instead_of_failing(
    world: World, client_for: Any
) -> None:
    family_assessment(world)
    client = client_for(world.commune_officer)
    assert client.get("/recognition/", {"year": THIRTY_DIGITS}).status_code == 200
    board = client.get(f"/recognition/board/{world.commune.pk}/", {"year": THIRTY_DIGITS})
    assert board.status_code == 200
