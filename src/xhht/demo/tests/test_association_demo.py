"""The demo's Hội Khuyến học: branches and members written through the association's actions,
people of the registry where possible, the commune's officer acting only in the commune, the
kept counts equal to a rebuild, and a second run that writes nothing."""

from __future__ import annotations

from django.utils import timezone

from xhht.association import counters
from xhht.association.models import Branch, Member, MembershipFigure
from xhht.demo.association import (
    MEMBERS_PER_CHAPTER,
    SECOND_COMMUNE_MEMBERS,
    UNREGISTERED,
    seed_association,
)
from xhht.indicators import rebuild
from xhht.indicators.models import LIVE_YEAR, RollupCount
from xhht.registry.models import Person, Unit
from xhht.testing.world import World


def _people(world: World) -> None:
    for n in range(MEMBERS_PER_CHAPTER + 4):
        Person.objects.create(full_name=f"Người Ninh Kiều {n}", sex="F", birth_year=1970, place=world.hamlet)  # fmt: skip
    for n in range(SECOND_COMMUNE_MEMBERS):
        Person.objects.create(full_name=f"Người Cái Khế {n}", sex="M", birth_year=1965, place=world.other_hamlet)  # fmt: skip
    Unit.objects.create(code="TH-1", name="Trường Tiểu học Ninh Kiều", kind=Unit.Kind.SCHOOL, level=Unit.Level.COMMUNE, place=world.hamlet)  # fmt: skip


def _kept() -> dict[tuple[str, int | None], int]:
    rows = RollupCount.objects.filter(indicator__in=counters.CODES, year=LIVE_YEAR)
    return {(r.indicator, r.place_id): r.numerator for r in rows if r.numerator}


def test_the_demo_association_has_branches_members_and_counts(world: World) -> None:
    _people(world)
    today = timezone.localdate()
    written = seed_association(
        province=world.province,
        communes=[world.commune, world.other_commune],
        province_officer=world.province_association_officer,
        commune_officer=world.association_officer,
        today=today,
    )
    registered = MEMBERS_PER_CHAPTER + 2 + SECOND_COMMUNE_MEMBERS
    assert written == registered + len(UNREGISTERED)
    assert Member.objects.filter(person__isnull=True).count() == len(UNREGISTERED)
    assert Member.objects.filter(left_on__isnull=False).count() == 2
    # province, two communes, a chapter for the one hamlet, the school's board
    assert Branch.objects.count() == 5
    assert MembershipFigure.objects.filter(branch__keeps_totals=True).count() == 2
    commune_side = Member.objects.visible_to(world.association_officer)
    assert not commune_side.filter(branch__place=world.other_commune).exists()
    kept = _kept()
    current = written - 2
    board = MembershipFigure.objects.order_by("-year").first()
    assert board is not None
    assert kept[("association_members", world.province.pk)] == current + board.members
    rebuild.rebuild()
    assert _kept() == kept
    again = seed_association(
        province=world.province,
        communes=[world.commune, world.other_commune],
        province_officer=world.province_association_officer,
        commune_officer=world.association_officer,
        today=today,
    )
    assert again == 0
    assert Member.objects.count() == written
