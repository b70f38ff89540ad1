"""The place tree: subtree queries, moves, successions and loading the official tree."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from pytest_django import DjangoAssertNumQueries

from xhht.places.loading import load_past_tree
from xhht.places.models import Level, Place, Succession, current_places_for
from xhht.testing.world import World


def test_subtree_is_the_place_and_everything_under_it(world: World) -> None:
    names = set(Place.objects.subtree(world.province).values_list("name", flat=True))
    assert {"Thành phố Cần Thơ", "Phường Ninh Kiều", "Phường Cái Khế"} <= names
    assert "Phường Hoàn Kiếm" not in names


def test_subtree_is_one_query(
    world: World, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_num_queries(1):
        list(Place.objects.subtree(world.province))


def test_moving_a_commune_carries_its_hamlets(world: World) -> None:
    world.commune.parent = world.other_province
    world.commune.save()
    world.hamlet.refresh_from_db()
    assert world.hamlet.path.startswith(world.other_province.path)
    assert world.hamlet in Place.objects.subtree(world.other_province)
    assert world.hamlet not in Place.objects.subtree(world.province)


def test_ancestors_come_root_first(world: World) -> None:
    assert world.hamlet.ancestors() == [world.province, world.commune]
    assert world.hamlet.ancestor_of_level(Level.PROVINCE) == world.province


def test_the_path_api_reads_the_ids_on_a_path(world: World) -> None:
    province, commune, hamlet = world.province, world.commune, world.hamlet
    assert Place.ids_in_path(f"/{province.pk}/{commune.pk}/") == [province.pk, commune.pk]
    assert Place.ids_in_path("/") == []
    assert hamlet.path_ids() == [province.pk, commune.pk, hamlet.pk]
    assert hamlet.ancestor_ids() == [province.pk, commune.pk]
    assert hamlet.root_id == province.root_id == province.pk
    assert hamlet.child_id_under(province) == commune.pk
    assert hamlet.child_id_under(commune) == hamlet.pk
    assert Place.path_of(hamlet.path_ids()) == hamlet.path  # the inverse of ids_in_path
    assert hamlet.parent_path == commune.path and province.parent_path == "/"
    assert set(Place.objects.at_paths([commune.path, hamlet.path])) == {commune, hamlet}


def test_a_retired_unit_maps_forward_through_successions(world: World) -> None:
    old = Place.objects.create(
        level=Level.COMMUNE,
        code="31111",
        name="Phường Tân An (cũ)",
        kind="phường",
        parent=world.province,
        valid_to=datetime.date(2025, 6, 30),
    )
    Succession.objects.create(
        predecessor=old, successor=world.commune, date=datetime.date(2025, 7, 1)
    )
    assert current_places_for(old) == [world.commune]
    assert current_places_for(world.commune) == [world.commune]


@pytest.mark.slow
@pytest.mark.django_db
def test_load_places_loads_34_provinces_and_3321_communes_and_again_changes_nothing() -> None:
    call_command("load_places", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    current = Place.objects.current()
    assert current.filter(level=Level.PROVINCE).count() == 34
    assert current.filter(level=Level.COMMUNE).count() == 3321
    ninh_kieu = current.get(level=Level.COMMUNE, code="31135")
    assert ninh_kieu.name == "Phường Ninh Kiều"
    assert ninh_kieu.parent is not None and ninh_kieu.parent.code == "92"
    call_command("load_places", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    assert current.filter(level=Level.PROVINCE).count() == 34
    assert current.filter(level=Level.COMMUNE).count() == 3321
    assert Place.objects.count() == 34 + 3321


PAST_TREE = """level,code,name,kind,parent_code,valid_from,valid_to,successor_codes
province,93,Tỉnh Hậu Giang (thử),tỉnh,,2004-01-01,2025-06-30,province:92
district,930,Thành phố Vị Thanh (thử),thành phố,93,,2025-06-30,
commune,31300,Phường I (thử),phường,930,,2025-06-30,commune:31135
commune,31303,Phường III (thử),phường,930,,2025-06-30,commune:31135;commune:31120
"""


def test_a_past_tree_loads_from_a_file_with_its_mapping(world: World, tmp_path: Path) -> None:
    source = tmp_path / "past.csv"
    source.write_text(PAST_TREE, encoding="utf-8")
    report = load_past_tree(source)
    assert report.created == 4
    district = Place.objects.get(level=Level.DISTRICT, code="930")
    ward = Place.objects.get(level=Level.COMMUNE, code="31300", valid_to__isnull=False)
    assert ward.parent == district and not ward.is_current
    assert current_places_for(ward) == [world.commune]
    split = Place.objects.get(code="31303")
    assert set(current_places_for(split)) == {world.commune, world.other_commune}
    assert load_past_tree(source).created == 0  # loading again changes nothing
