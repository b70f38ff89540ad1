"""The access helpers: a record in scope for who may act on it, the same 404 otherwise."""

from __future__ import annotations

import pytest
from django.http import Http404

from xhht.accounts.access import Capability
from xhht.pcgd import access
from xhht.pcgd.models import HardshipCommune, ProvinceRule
from xhht.pcgd.tests.engine_factories import YEAR, person, schooling
from xhht.testing.world import World

pytestmark = pytest.mark.django_db


def test_a_schooling_row_is_seen_inside_the_scope_only(world: World) -> None:
    row = schooling(person(world.hamlet, 10))
    assert access.get_schooling_for_user(world.commune_officer, row.pk) == row
    assert access.get_schooling_for_user(world.hamlet_head, row.pk) == row
    assert access.get_schooling_for_user(world.commune_officer, row.pk, Capability.MANAGE_PCGD)
    # The hamlet head surveys the households of the hamlet.
    assert access.get_schooling_for_user(world.hamlet_head, row.pk, Capability.MANAGE_PCGD)
    for user, capability in [
        (world.other_officer, Capability.VIEW),
        (world.outsider, Capability.VIEW),
        (world.other_officer, Capability.MANAGE_PCGD),
    ]:
        with pytest.raises(Http404):
            access.get_schooling_for_user(user, row.pk, capability)


def test_province_rules_and_recognition_are_the_coordinators(world: World) -> None:
    rule = ProvinceRule.objects.create(province=world.province, code="xmc_2")
    assert access.get_province_rule_for_user(world.coordinator, rule.pk) == rule
    with pytest.raises(Http404):
        access.get_province_rule_for_user(world.commune_officer, rule.pk)
    hardship = HardshipCommune.objects.create(commune=world.commune, school_year=YEAR)
    assert access.get_hardship_for_user(world.commune_officer, hardship.pk) == hardship
    assert list(access.communes_for(world.commune_officer, Capability.MANAGE_PCGD)) == [
        world.commune
    ]
    assert access.get_province_for_user(world.coordinator, world.province.pk) == world.province
    with pytest.raises(Http404):
        access.get_commune_for_user(world.outsider, world.commune.pk)
