"""Two decisions over the same commune's hamlets at the same moment: both pass, counts exact.

Both change the same kept rows (the hamlets', the commune's, the province's, the nation's),
listed in opposite orders; ``apply_deltas`` locks them in primary-key order, so one waits for
the other instead of a deadlock. Runs on PostgreSQL (DATABASE_URL) with two threads, each on
its own connection; SQLite serialises writers anyway and is skipped.
"""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import connection

from xhht.audit.models import AuditEntry
from xhht.indicators.rebuild import rebuild
from xhht.places.models import Level, Place
from xhht.recognition import actions
from xhht.recognition.models import Assessment, State
from xhht.recognition.tests.factories import YEAR, decision_data
from xhht.recognition.tests.test_decision_counts import kept_counts, proposed_batch
from xhht.testing.world import build_world

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL (DATABASE_URL); SQLite serialises writers",
    ),
    pytest.mark.django_db(transaction=True),
]


def test_two_decisions_over_shared_places_at_once_both_count_exactly() -> None:
    world = build_world()
    hamlets = [world.hamlet] + [
        Place.objects.create(
            level=Level.HAMLET, code=f"31135-00{n}", name=f"Khu vực {n}", kind="khu vực",
            parent=world.commune,
        )
        for n in (2, 3)
    ]  # fmt: skip
    first = proposed_batch(world, hamlets, 2, "A")
    second = proposed_batch(world, list(reversed(hamlets)), 2, "B")
    ready = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(ids: list[int], number: str) -> None:
        try:
            chosen = list(
                Assessment.objects.filter(pk__in=ids)
                .select_related("place", "criteria_set", "household")
                .order_by("-pk" if number == "2" else "pk")
            )
            ready.wait(timeout=10)
            actions.recognise(
                actor=world.commune_officer, assessments=chosen, data=decision_data(number)
            )
            outcomes.append("ok")
        except Exception as exc:  # the test reports whatever went wrong
            outcomes.append(f"{type(exc).__name__}: {exc}")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(first, "1")),
        threading.Thread(target=decide, args=(second, "2")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert outcomes == ["ok", "ok"], outcomes
    everyone = first + second
    assert Assessment.objects.filter(pk__in=everyone, state=State.RECOGNISED).count() == 12
    assert AuditEntry.objects.filter(step="recognise").count() == 12
    kept = kept_counts()
    assert kept[("family", world.commune.pk, YEAR)][0] == 12
    assert kept[("family", None, YEAR)][0] == 12
    rebuild()
    assert kept_counts() == kept
