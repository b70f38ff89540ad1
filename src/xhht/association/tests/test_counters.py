"""The association's indicators: kept as branches and members change, and always equal to a
recount (``indicators.rebuild``)."""

from __future__ import annotations

import datetime

import pytest

from xhht.association import actions, counters
from xhht.association.models import Branch, Member, MembershipFigure
from xhht.association.tests import factories
from xhht.indicators import rebuild as rebuild_module
from xhht.indicators import rollups
from xhht.indicators.models import LIVE_YEAR, Indicator, RollupCount, Source
from xhht.testing.world import World

DAY = datetime.date(2025, 5, 10)


def kept_pairs() -> dict[tuple[str, int | None, int], int]:
    return {
        (r.indicator, r.place_id, r.year): r.numerator
        for r in RollupCount.objects.filter(indicator__in=counters.CODES)
        if r.numerator or r.denominator
    }


def kept(code: str, place_id: int | None) -> int:
    return kept_pairs().get((code, place_id, LIVE_YEAR), 0)


def assert_kept_equals_rebuild() -> None:
    before = kept_pairs()
    rebuild_module.rebuild()
    assert kept_pairs() == before


@pytest.mark.django_db
def test_both_indicators_are_in_the_catalogue_computed() -> None:
    indicators = Indicator.objects.filter(code__in=counters.CODES, province=None)
    assert {(i.code, i.source, i.measure) for i in indicators} == {
        ("association_members", Source.REGISTRY, "count"),
        ("association_branches", Source.REGISTRY, "count"),
    }


def test_members_are_counted_at_the_branch_s_place_and_every_level_above(world: World) -> None:
    chapter = world.once("chapter", factories.chapter)
    first = factories.member(world)
    factories.member(world, name="Lê Thị Cúc")
    factories.member(world, branch=world.once("other_branch", factories.other_branch))
    for place in (world.hamlet.pk, world.commune.pk):
        assert kept("association_members", place) == 2
    assert kept("association_members", world.province.pk) == 3
    assert kept("association_members", None) == 3
    # province, two communes and the chapter
    assert kept("association_branches", world.province.pk) == 4
    assert kept("association_branches", world.hamlet.pk) == 1
    actions.member_leaves(user=world.association_officer, member=first, left_on=DAY, reason="x")
    assert kept("association_members", world.commune.pk) == 1
    assert kept("association_members", world.province.pk) == 2
    assert_kept_equals_rebuild()
    Member.objects.filter(branch=chapter).update(left_on=DAY)  # a bulk write, then a rebuild
    rebuild_module.rebuild()
    assert kept("association_members", world.province.pk) == 1


def test_a_branch_keeping_totals_counts_its_latest_entered_year_only(world: World) -> None:
    chapter = world.once("chapter", factories.chapter)
    factories.member(world)
    assert kept("association_members", world.hamlet.pk) == 1
    chapter.keeps_totals = True
    chapter.save()
    assert kept("association_members", world.hamlet.pk) == 0  # no year entered yet
    actions.record_figure(user=world.association_officer, branch=chapter, year=2023, members=40)
    actions.record_figure(user=world.association_officer, branch=chapter, year=2024, members=45)
    assert kept("association_members", world.commune.pk) == 45
    assert_kept_equals_rebuild()
    MembershipFigure.objects.get(year=2024).delete()
    assert kept("association_members", world.commune.pk) == 40
    assert_kept_equals_rebuild()


def test_moving_dissolving_and_deleting_branches_keep_the_counts(world: World) -> None:
    chapter = world.once("chapter", factories.chapter)
    member = factories.member(world)
    # The chapter moves to the other commune's hamlet (with its member).
    chapter.place = world.other_hamlet
    chapter.parent = world.once("other_branch", factories.other_branch)
    chapter.save()
    assert kept("association_members", world.commune.pk) == 0
    assert kept("association_members", world.other_commune.pk) == 1
    assert_kept_equals_rebuild()
    actions.member_leaves(user=world.admin, member=member, left_on=DAY, reason="x")
    actions.dissolve_branch(user=world.admin, branch=chapter, dissolved_on=DAY, reason="Sáp nhập")
    assert kept("association_branches", world.other_hamlet.pk) == 0
    assert_kept_equals_rebuild()
    keeping = Branch.objects.create(
        name="Ban khuyến học", kind=Branch.Kind.BOARD, place=world.hamlet, keeps_totals=True
    )
    MembershipFigure.objects.create(branch=keeping, year=2024, members=12)
    assert kept("association_members", world.hamlet.pk) == 12
    keeping.delete()  # its figures go with it (a cascade counted once)
    assert kept("association_members", world.hamlet.pk) == 0
    assert kept("association_branches", world.hamlet.pk) == 0
    assert_kept_equals_rebuild()


def test_a_plan_target_on_members_reads_the_kept_count_live_and_frozen(world: World) -> None:
    factories.member(world)
    factories.member(world, name="Lê Thị Cúc")
    indicator = Indicator.objects.get(code="association_members", province=None)
    year = 2025

    def actual() -> int | None:
        rows = rollups.kept_rows([indicator.code], [world.province.pk], [year])
        return rollups.figure(rows, indicator, world.province.pk, year).numerator

    assert actual() == 2  # the year is not frozen: the live count
    rollups.freeze_year(year)
    factories.member(world, name="Võ Văn Đức")  # joined after the year's end
    assert actual() == 2  # the year's snapshot
    assert kept("association_members", world.province.pk) == 3
