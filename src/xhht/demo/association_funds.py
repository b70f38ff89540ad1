"""The demo commune's study-promotion fund with a year of entries: gifts from people, units and
clans of the registry and from named donors, scholarships, awards and support to the commune's
pupils, and one correction; written through the ledger's own actions, so the trail, numbering
and balance rules are those of real use. Amounts are illustrative, not official figures.
Running the seed again leaves a fund that already has entries as it is."""

from __future__ import annotations

import datetime

from xhht.accounts.models import User
from xhht.association import funds
from xhht.association.models import Branch, Fund, FundEntry
from xhht.places.models import Place
from xhht.registry.models import Clan, Person, Unit

#: (days before today, amount in đồng) of the receipts: the largest first, at the year's start.
RECEIPTS = [(360, 20_000_000), (330, 5_000_000), (300, 3_000_000), (240, 10_000_000),
            (200, 2_000_000), (150, 1_500_000), (120, 8_000_000), (60, 2_500_000),
            (30, 1_000_000), (10, 500_000)]  # fmt: skip  # aligned table: one receipt a pair
#: (days before today, purpose, amount) of the disbursements.
DISBURSEMENTS = [(350, "award", 1_000_000), (280, "scholarship", 2_000_000),
                 (270, "scholarship", 2_000_000), (250, "support", 1_500_000),
                 (180, "scholarship", 3_000_000), (100, "award", 500_000),
                 (90, "support", 1_000_000), (20, "scholarship", 2_000_000)]  # fmt: skip  # aligned table
NAMED_DONORS = [
    "Ông Trần Văn Thiện (Việt kiều)",
    "Bà Nguyễn Thị Hảo",
    "Nhóm cựu học sinh khóa 1995",
]


def seed_association_funds(*, commune: Place, officer: User, today: datetime.date) -> int:
    """The commune association's fund and its entries; returns how many entries it wrote."""
    branch = Branch.objects.filter(place=commune, kind=Branch.Kind.ASSOCIATION).first()
    if branch is None:
        branch = Branch.objects.create(
            place=commune, kind=Branch.Kind.ASSOCIATION, name=f"Hội Khuyến học {commune.name}"
        )
    start = today - datetime.timedelta(days=365)
    fund = Fund.objects.filter(branch=branch).first() or funds.open_fund(
        user=officer, branch=branch, name=f"Quỹ khuyến học {commune.name}", opened_on=start
    )
    if FundEntry.objects.filter(fund=fund).exists():
        return 0
    donors = _donors(commune)
    pupils = list(
        Person.objects.filter(
            place__path__startswith=commune.path,
            birth_year__range=(today.year - 17, today.year - 7),
        ).order_by("pk")[: len(DISBURSEMENTS)]
    )
    written = [
        funds.record_receipt(
            user=officer,
            fund=fund,
            donor=donors[n % len(donors)],
            amount=amount,
            date=today - datetime.timedelta(days=days),
            description="Ủng hộ quỹ khuyến học",
        )
        for n, (days, amount) in enumerate(RECEIPTS)
    ]
    for n, (days, purpose, amount) in enumerate(DISBURSEMENTS if pupils else []):
        day = today - datetime.timedelta(days=days)
        written.append(
            funds.record_disbursement(
                user=officer,
                fund=fund,
                recipient=pupils[n % len(pupils)],
                purpose=purpose,
                amount=amount,
                date=day,
                description="Năm học " + _school_year(day),
            )
        )
    mistaken = written[5]  # the 1.500.000 receipt, 150 days ago: 1.200.000 in fact
    funds.correct_entry(
        user=officer,
        entry=mistaken,
        new_amount=1_200_000,
        reason="Ghi nhầm số tiền trên phiếu thu; đã đối chiếu với sổ quỹ",
        date=mistaken.date + datetime.timedelta(days=3),
    )
    return len(written) + 1


def _school_year(day: datetime.date) -> str:
    first = day.year if day.month >= 9 else day.year - 1
    return f"{first}-{first + 1}"


def _donors(commune: Place) -> list[Person | Unit | Clan | str]:
    under = commune.path
    people = list(
        Person.objects.filter(place__path__startswith=under, birth_year__lte=1975).order_by("pk")[
            :4
        ]
    )
    units = list(Unit.objects.filter(place__path__startswith=under).order_by("pk")[:2])
    clans = list(Clan.objects.filter(commune=commune).order_by("pk")[:2])
    return [*people, *units, *clans, *NAMED_DONORS]
