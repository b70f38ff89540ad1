from __future__ import annotations

import datetime

import pytest

from xhht.accounts.access import Capability
from xhht.criteria.actions import (
    CriteriaSetNotUsable,
    create_set,
    derive_variant,
    mark_used,
    revise_set,
)
from xhht.criteria.definition import DefinitionError
from xhht.criteria.models import CriteriaSet, Title
from xhht.criteria.tests.helpers import simple_data, variant_data
from xhht.testing.world import World

DAY = datetime.date(2025, 6, 1)


def test_an_unused_set_is_edited_in_place(world: World) -> None:
    criteria_set = create_set(user=world.coordinator, data=variant_data())
    data = variant_data() | {"name": "Tên mới"}
    revised = revise_set(user=world.coordinator, criteria_set=criteria_set, data=data)
    assert revised.pk == criteria_set.pk and revised.version == 1 and revised.name == "Tên mới"


def test_a_used_set_is_never_changed_an_edit_makes_a_new_version(world: World) -> None:
    criteria_set = create_set(user=world.coordinator, data=variant_data())
    mark_used(criteria_set)
    data = variant_data() | {"name": "Tên mới"}
    revised = revise_set(user=world.coordinator, criteria_set=criteria_set, data=data)
    criteria_set.refresh_from_db()
    assert (
        revised.pk != criteria_set.pk and revised.version == 2 and revised.previous == criteria_set
    )
    assert criteria_set.name != "Tên mới" and criteria_set.status == CriteriaSet.Status.RETIRED
    assert CriteriaSet.objects.best_for(Title.FAMILY, world.hamlet, DAY) == revised
    with pytest.raises(DefinitionError):
        revise_set(user=world.coordinator, criteria_set=criteria_set, data=data)


def test_a_template_cannot_be_used(world: World) -> None:
    template = CriteriaSet.objects.get(code="hkh448-gia-dinh-hoc-tap")
    with pytest.raises(CriteriaSetNotUsable) as caught:
        mark_used(template)
    assert "là mẫu chưa hoàn chỉnh" in str(caught.value)


def test_the_province_variant_is_preferred_to_a_national_set(world: World) -> None:
    national = create_set(user=world.admin, data=simple_data())
    variant = create_set(user=world.coordinator, data=variant_data())
    assert list(CriteriaSet.objects.usable_for(Title.FAMILY, world.hamlet, DAY)) == [
        variant,
        national,
    ]
    assert list(CriteriaSet.objects.usable_for(Title.FAMILY, world.far_commune, DAY)) == [national]
    assert (
        CriteriaSet.objects.best_for(Title.FAMILY, world.hamlet, datetime.date(2024, 1, 1))
        == national
    )


def test_a_coordinator_manages_only_their_province(world: World) -> None:
    with pytest.raises(DefinitionError):
        create_set(user=world.coordinator, data=simple_data())
    with pytest.raises(DefinitionError):
        create_set(user=world.outsider, data=variant_data())


def test_who_sees_which_sets(world: World) -> None:
    variant = create_set(user=world.coordinator, data=variant_data())
    assert variant in CriteriaSet.objects.visible_to(world.hamlet_head)
    assert variant not in CriteriaSet.objects.visible_to(world.outsider)
    assert CriteriaSet.objects.visible_to(world.outsider).filter(province__isnull=True).exists()
    assert not CriteriaSet.objects.visible_to(world.citizen).exists()
    managed = CriteriaSet.objects.visible_to(world.coordinator, Capability.MANAGE_CRITERIA)
    assert list(managed) == [variant]


def test_a_province_derives_its_own_variant_of_a_national_template(world: World) -> None:
    template = CriteriaSet.objects.get(code="hkh448-gia-dinh-hoc-tap")
    variant = derive_variant(user=world.coordinator, criteria_set=template, province=world.province)
    assert variant.code == "hkh448-gia-dinh-hoc-tap-92" and variant.province == world.province
    assert variant.is_template
