"""A fund's balances per year, computed from its ledger in one query: opening, receipts,
disbursements and closing, where receipts − disbursements = closing − opening. A correction
counts in the year it was written, in the column of the entry it corrects (a lowered receipt
lowers that year's receipts)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Sum
from django.utils import timezone

from xhht.association.models import Fund, FundEntry
from xhht.association.models.funds import reported_amount


@dataclass(frozen=True)
class YearBalance:
    year: int
    opening: int
    receipts: int
    disbursements: int

    @property
    def closing(self) -> int:
        return self.opening + self.receipts - self.disbursements


@dataclass
class YearReport:
    """What the yearly report shows: the balance and the year's entries of each kind."""

    fund: Fund
    balance: YearBalance
    receipts: list[FundEntry] = field(default_factory=list)
    disbursements: list[FundEntry] = field(default_factory=list)


def yearly_balances(fund: Fund, *, until: int | None = None) -> list[YearBalance]:
    """Every year from the fund's opening to ``until`` (the current year, or the last entry's)."""
    totals: dict[tuple[int, str], int] = {
        (year, kind): total
        for year, kind, total in FundEntry.objects.filter(fund=fund)
        .values("year", "kind")
        .order_by()
        .annotate(total=Sum(reported_amount()))
        .values_list("year", "kind", "total")
    }
    last = max([timezone.localdate().year, *(year for year, _kind in totals)])
    if until is not None:
        last = until
    balances: list[YearBalance] = []
    opening = 0
    for year in range(fund.opened_on.year, last + 1):
        balance = YearBalance(
            year=year,
            opening=opening,
            receipts=totals.get((year, FundEntry.Kind.RECEIPT), 0),
            disbursements=totals.get((year, FundEntry.Kind.DISBURSEMENT), 0),
        )
        balances.append(balance)
        opening = balance.closing
    return balances


def balance_of_year(fund: Fund, year: int) -> YearBalance:
    found = [b for b in yearly_balances(fund, until=year) if b.year == year]
    return found[0] if found else YearBalance(year=year, opening=0, receipts=0, disbursements=0)


def year_report(fund: Fund, year: int) -> YearReport:
    report = YearReport(fund=fund, balance=balance_of_year(fund, year))
    entries = (
        FundEntry.objects.filter(fund=fund, year=year)
        .select_related("corrects")
        .order_by("date", "pk")
    )
    for entry in entries:
        if entry.kind == FundEntry.Kind.RECEIPT:
            report.receipts.append(entry)
        else:
            report.disbursements.append(entry)
    return report


def reported(entry: FundEntry) -> int:
    """The entry's amount in its own column: negative for a correction that lowers."""
    return -entry.amount if entry.lowers else entry.amount
