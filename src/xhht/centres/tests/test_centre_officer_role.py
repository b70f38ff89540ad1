"""The centre officer's role is given at a commune (the centre's), never at a body or a hamlet,
and then runs the classes there without managing the centres."""

from __future__ import annotations

import pytest

from xhht.accounts.access import Capability, can
from xhht.accounts.actions import AccountError, add_role
from xhht.accounts.models import User
from xhht.accounts.roles import Role
from xhht.testing.world import World

pytestmark = pytest.mark.django_db


def test_the_centre_officer_role_is_given_at_a_commune_only(world: World) -> None:
    staff = User.objects.create_user(
        username="can_bo_tt", password="x", created_by=world.coordinator
    )
    for where in ({"body": world.body}, {"place": world.hamlet}, {"place": world.province}):
        with pytest.raises(AccountError, match="gắn với xã, phường"):
            add_role(manager=world.coordinator, user=staff, role=Role.CENTRE_OFFICER, **where)
    add_role(manager=world.coordinator, user=staff, role=Role.CENTRE_OFFICER, place=world.commune)
    staff = User.objects.get(pk=staff.pk)
    assert can(staff, Capability.MANAGE_CLASSES, world.commune)
    assert can(staff, Capability.VIEW, world.hamlet)
    assert not can(staff, Capability.MANAGE_CENTRES)
    assert not can(staff, Capability.MANAGE_CLASSES, world.other_commune)
