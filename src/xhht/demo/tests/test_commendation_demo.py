"""The demo's commendation: the province's movement and the hamlet's nominations in every state,
written through the app's steps; the decided one is on its person's page; a second run writes
nothing."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from xhht.commendation.models import Movement, Nomination, State
from xhht.demo.commendation import seed_commendation
from xhht.registry.models import Household, Person
from xhht.testing.world import World


def test_the_demo_movement_has_nominations_in_every_state(world: World, client_for: Any) -> None:
    home = Household.objects.create(code="KV1-100", place=world.hamlet, head_name="Phạm Văn Hộ")
    for n in range(4):
        Person.objects.create(full_name=f"Người {n}", sex="F", birth_year=1970, place=world.hamlet)

    def seed() -> int:
        return seed_commendation(
            coordinator=world.coordinator,
            province=world.province,
            hamlet=world.hamlet,
            hamlet_head=world.hamlet_head,
            reviewer=world.reviewer,
            commune_officer=world.commune_officer,
            today=timezone.localdate(),
        )

    assert seed() == 5
    states = sorted(Nomination.objects.values_list("state", flat=True))
    assert states == sorted(
        [State.DECIDED, State.REVIEWED, State.SUBMITTED, State.RETURNED, State.DRAFT]
    )
    assert Nomination.objects.get(state=State.DRAFT).household == home
    decided = Nomination.objects.get(state=State.DECIDED)
    page = client_for(world.hamlet_head).get(
        reverse("registry:person_detail", args=[decided.person_id])
    )
    assert 'data-testid="honour"' in page.content.decode()
    assert seed() == 0
    assert Movement.objects.count() == 1 and Nomination.objects.count() == 5
