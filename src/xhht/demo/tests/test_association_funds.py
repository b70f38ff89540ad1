"""The demo's fund: a year of entries written through the ledger's actions, balancing, the
closing equal to the fund's balance, and a second run that writes nothing."""

from __future__ import annotations

from django.utils import timezone

from xhht.association.funds_balances import yearly_balances
from xhht.association.models import Fund, FundEntry
from xhht.demo.association_funds import DISBURSEMENTS, RECEIPTS, seed_association_funds
from xhht.registry.models import Person
from xhht.testing.world import World


def test_the_demo_fund_has_a_year_of_entries_that_balance(world: World) -> None:
    today = timezone.localdate()
    for n in range(3):
        Person.objects.create(
            full_name=f"Học Sinh {n}", sex="F", birth_year=today.year - 12, place=world.hamlet
        )
        Person.objects.create(
            full_name=f"Nhà Hảo Tâm {n}", sex="M", birth_year=1960, place=world.hamlet
        )
    written = seed_association_funds(
        commune=world.commune, officer=world.association_officer, today=today
    )
    assert written == len(RECEIPTS) + len(DISBURSEMENTS) + 1
    fund = Fund.objects.with_balance().get()
    kinds = set(FundEntry.objects.values_list("donor_kind", flat=True))
    assert {"person", "named"} <= kinds
    expected = sum(a for _d, a in RECEIPTS) - 300_000 - sum(a for _d, _p, a in DISBURSEMENTS)
    assert fund.balance == expected  # type: ignore[attr-defined]  # annotated by with_balance
    assert yearly_balances(fund)[-1].closing == expected
    assert (
        seed_association_funds(
            commune=world.commune, officer=world.association_officer, today=today
        )
        == 0
    )
