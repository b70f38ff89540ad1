"""Roles become place scopes: a role at a place covers its subtree and nothing else."""

from __future__ import annotations

from typing import Any

from xhht.accounts.access import (
    Capability,
    can,
    home_place,
    roles_of,
    scope_paths,
    visible_places,
)
from xhht.accounts.models import RoleAssignment, User
from xhht.accounts.roles import Role
from xhht.places.models import Place
from xhht.testing.world import World


def _visible(user: User) -> set[str]:
    return set(visible_places(user).values_list("name", flat=True))


def test_a_commune_officer_sees_the_commune_and_its_hamlets_only(world: World) -> None:
    assert _visible(world.commune_officer) == {"Phường Ninh Kiều", "Khu vực 1"}


def test_a_coordinator_sees_the_whole_province_and_nothing_of_another(world: World) -> None:
    visible = _visible(world.coordinator)
    assert "Phường Cái Khế" in visible and "Phường Hoàn Kiếm" not in visible


def test_a_body_officer_acts_over_the_bodys_place(world: World) -> None:
    assert can(world.body_officer, Capability.VIEW, world.hamlet)
    assert not can(world.body_officer, Capability.MANAGE_PLACES, world.hamlet)


def test_a_citizen_holds_no_view_of_places(world: World) -> None:
    assert _visible(world.citizen) == set()
    assert can(world.citizen, Capability.SELF_SERVICE, world.hamlet)


def test_several_roles_add_up_and_nested_scopes_collapse(world: World) -> None:
    RoleAssignment.objects.create(
        user=world.hamlet_head, role=Role.COMMUNE_OFFICER, place=world.commune
    )
    world.hamlet_head.refresh_from_db()
    assert scope_paths(world.hamlet_head, Capability.VIEW) == [world.commune.path]
    assert can(world.hamlet_head, Capability.MANAGE_PLACES, world.commune)


def test_the_administrator_sees_everything(world: World) -> None:
    assert _visible(world.admin) == set(Place.objects.values_list("name", flat=True))
    assert home_place(world.admin) is None


def test_home_place_is_the_highest_place_in_scope(world: World) -> None:
    assert home_place(world.commune_officer) == world.commune
    assert home_place(world.coordinator) == world.province


def test_roles_and_scopes_of_a_request_come_from_one_query(
    world: World, django_assert_num_queries: Any
) -> None:
    user = User.objects.get(pk=world.coordinator.pk)  # a fresh object: nothing cached yet
    with django_assert_num_queries(1):
        assert Role.PROVINCE_COORDINATOR in roles_of(user)
        assert scope_paths(user, Capability.VIEW) == [world.province.path]
        assert can(user, Capability.MANAGE_PLANS, world.province)
