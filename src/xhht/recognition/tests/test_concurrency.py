"""Two reviewers approving one assessment at the same moment: exactly one transition.

Runs on PostgreSQL (CI's second pass, DATABASE_URL) with two threads, each on its own
connection; SQLite serialises writers anyway and is skipped.
"""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import connection

from xhht.audit.models import AuditEntry
from xhht.recognition import actions
from xhht.recognition.models import Assessment, State
from xhht.recognition.tests.factories import FULL_MARKS, family_assessment
from xhht.testing.world import build_world

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL (DATABASE_URL); SQLite serialises writers",
    ),
    pytest.mark.django_db(transaction=True),
]


def test_two_reviewers_approving_at_once_make_exactly_one_transition() -> None:
    world = build_world()
    assessment = family_assessment(world, state="self_assessed")
    reviewers = [world.hamlet_head, world.commune_officer]
    ready = threading.Barrier(len(reviewers))
    outcomes: list[str] = []

    def approve(reviewer_index: int) -> None:
        try:
            mine = Assessment.objects.select_related("place", "criteria_set").get(pk=assessment.pk)
            ready.wait(timeout=10)  # both have read the same state and version
            actions.review(actor=reviewers[reviewer_index], assessment=mine, marks=FULL_MARKS)
            outcomes.append("ok")
        except actions.ChangedMeanwhile as exc:
            outcomes.append("stale: " + exc.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(i,)) for i in range(len(reviewers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(o[:5] for o in outcomes) == ["ok", "stale"], outcomes
    assert "vừa được người khác thay đổi" in next(o for o in outcomes if o.startswith("stale"))
    assessment.refresh_from_db()
    assert assessment.state == State.REVIEWED
    assert assessment.version == 3  # registered 1, self-assessed 2, reviewed 3
    reviews = AuditEntry.objects.for_object(assessment).filter(step="review")
    assert reviews.count() == 1
