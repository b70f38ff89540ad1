"""The demo's governance work: an inspection of the commune with two recommendations (one
overdue), budgets on the body's seed tasks, communication activities; a rerun writes nothing."""

from __future__ import annotations

import datetime
from typing import Any

from xhht.demo.governance import ACTIVITIES, seed_governance
from xhht.governance import budgets
from xhht.governance.models import CommunicationActivity, Recommendation
from xhht.plans.models import Plan
from xhht.reporting.models import Task
from xhht.testing.world import World


def test_the_demo_inspection_budgets_and_communication(world: World) -> None:
    today = datetime.date(2026, 9, 15)
    plan = Plan.objects.create(
        place=world.province, issuer="UBND thành phố", period_start=2021, period_end=2030
    )
    for text in ("Tuyên truyền xây dựng xã hội học tập", "Nhân rộng mô hình học tập"):
        Task.objects.create(place=world.province, plan=plan, text=text, lead_body=world.body)
    arguments: dict[str, Any] = {
        "province": world.province,
        "commune": world.commune,
        "coordinator": world.coordinator,
        "commune_officer": world.commune_officer,
        "body": world.body,
        "body_officer": world.body_officer,
        "today": today,
    }
    assert seed_governance(**arguments) == 4 + 4 + len(ACTIVITIES)
    owed = Recommendation.objects.owed_by(world.commune_officer)
    assert owed.count() == 2
    assert owed.overdue(today).count() == 1
    assert budgets.place_rollup(world.province).planned == 245_000_000
    assert CommunicationActivity.objects.filter(place=world.commune).count() == len(ACTIVITIES)
    assert seed_governance(**arguments) == 0
