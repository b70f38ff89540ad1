"""The rebuild writes only the kept rows that differ; the result equals writing them all anew."""

from __future__ import annotations

import pytest
from django.db.models import F

from xhht.indicators import rebuild as rebuild_module
from xhht.indicators.models import LIVE_YEAR, RollupCount
from xhht.indicators.rollups import freeze_year
from xhht.registry.models import Household, Person
from xhht.testing.world import World, build_world

pytestmark = pytest.mark.django_db

Table = dict[tuple[str, int | None, int], tuple[int, int, bool]]


def table() -> Table:
    return {
        (r.indicator, r.place_id, r.year): (r.numerator, r.denominator, r.frozen)
        for r in RollupCount.objects.all()
    }


def populate(world: World) -> None:
    # Two places of province 92 and a commune of another province (01): a province's rebuild
    # must count its own and leave the other's rows as they are.
    for n, hamlet in enumerate([world.hamlet, world.hamlet, world.other_hamlet, world.far_commune]):
        household = Household.objects.create(code=f"W{n}", place=hamlet, head_name=f"Chủ hộ {n}")
        Person.objects.create(
            full_name=f"Người {n}", birth_year=1980 + n, household=household, place=hamlet
        )


def from_scratch() -> Table:
    """The rows a rebuild writes into an empty table (every row inserted)."""
    frozen = list(RollupCount.objects.filter(frozen=True).values())
    RollupCount.objects.filter(frozen=False).delete()
    rebuild_module.rebuild()
    written = table()
    RollupCount.objects.all().delete()
    RollupCount.objects.bulk_create([RollupCount(**row) for row in frozen])
    return written


def test_a_repair_of_right_counts_rewrites_nothing() -> None:
    populate(build_world())
    rebuild_module.rebuild()
    places = RollupCount.objects.filter(place__isnull=False)
    ids = set(places.values_list("pk", flat=True))
    before = table()
    assert rebuild_module.rebuild() == sum(1 for key in before if key[1] is not None)
    assert table() == before
    # The same rows, not deleted and inserted again (the old path gave them new ids).
    assert set(places.values_list("pk", flat=True)) == ids


@pytest.mark.parametrize("province", [None, "92"])
def test_wrong_missing_and_extra_rows_are_repaired_as_a_fresh_rebuild(province: str | None) -> None:
    world = build_world()
    populate(world)
    rebuild_module.rebuild()
    freeze_year(2024)
    expected = from_scratch()  # every row inserted into a table holding only the snapshots
    rebuild_module.rebuild()
    assert table() == expected
    # Damage a few rows of the province: a wrong count, a missing row, a row too many.
    live = RollupCount.objects.filter(year=LIVE_YEAR, place=world.hamlet)
    live.filter(indicator="family").update(denominator=F("denominator") + 7)
    live.filter(indicator="citizen_adults").delete()
    RollupCount.objects.create(indicator="clan", place=world.hamlet, year=LIVE_YEAR, denominator=3)
    assert table() != expected
    rebuild_module.rebuild(None if province is None else world.province)
    assert table() == expected
    assert table()[("family", world.hamlet.pk, 2024)][2] is True


def test_many_changes_take_the_rewrite_path_with_the_same_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    world = build_world()
    populate(world)
    rebuild_module.rebuild()
    expected = table()
    RollupCount.objects.filter(place__isnull=False).update(denominator=F("denominator") + 1)
    rewrites: list[int] = []
    original = rebuild_module._insert

    def counting(rows: list[rebuild_module.Row]) -> None:
        rewrites.append(len(rows))
        original(rows)

    monkeypatch.setattr(rebuild_module, "_insert", counting)
    rebuild_module.rebuild()
    assert table() == expected
    # Every place row written again with one insert (and the national rows by their own).
    assert rewrites[0] == sum(1 for key in expected if key[1] is not None)
