"""No one grants themselves a role: another manager must give it (two people for every raise)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from xhht.accounts import actions
from xhht.accounts.roles import Role
from xhht.testing.world import World

OWN_ACCOUNT = "Bạn không tự giao vai trò cho chính mình được"


def test_a_coordinator_cannot_grant_itself_another_role(world: World) -> None:
    with pytest.raises(actions.AccountError, match=OWN_ACCOUNT):
        actions.add_role(
            manager=world.coordinator,
            user=world.coordinator,
            role=Role.COMMUNE_OFFICER,
            place=world.commune,
        )
    assert list(world.coordinator.role_assignments.values_list("role", flat=True)) == [
        Role.PROVINCE_COORDINATOR
    ]


def test_the_role_page_of_ones_own_account_refuses_and_saves_nothing(
    world: World, client_for: Any
) -> None:
    client = client_for(world.coordinator)
    url = reverse("accounts:manage_role_add", args=[world.coordinator.pk])
    response = client.post(url, {"role": Role.BODY_OFFICER, "body": world.body.pk}, follow=True)
    assert OWN_ACCOUNT in response.content.decode()
    assert world.coordinator.role_assignments.count() == 1
    detail = client.get(reverse("accounts:manage_user", args=[world.coordinator.pk]))
    assert url not in detail.content.decode()


def test_the_administrator_grants_too_only_to_others(world: World) -> None:
    with pytest.raises(actions.AccountError, match=OWN_ACCOUNT):
        actions.add_role(
            manager=world.admin, user=world.admin, role=Role.REVIEWER, place=world.commune
        )
    actions.add_role(
        manager=world.admin, user=world.coordinator, role=Role.REVIEWER, place=world.commune
    )
    assert world.coordinator.role_assignments.count() == 2
