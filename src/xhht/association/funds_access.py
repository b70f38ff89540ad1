"""The one way views fetch funds and their entries: only where the user holds
``MANAGE_ASSOCIATION`` (a commune's Hội Khuyến học officer: the funds of the commune's branches;
the province's officer: every fund of the province), else the same 404 as for a missing one.
The ledger is money: reading it needs the association's capability, not only ``VIEW``."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from xhht.accounts.access import Capability
from xhht.accounts.models import User
from xhht.association.models import Fund, FundEntry

FUNDS = Capability.MANAGE_ASSOCIATION


def get_fund_for_user(user: User, pk: int, capability: str = FUNDS) -> Fund:
    funds = Fund.objects.visible_to(user, capability).select_related(
        "branch__place", "branch__parent"
    )
    return get_object_or_404(funds, pk=pk)


def get_fund_entry_for_user(user: User, pk: int, capability: str = FUNDS) -> FundEntry:
    entries = FundEntry.objects.visible_to(user, capability).select_related(
        "fund__branch__place", "fund__branch__parent", "corrects"
    )
    return get_object_or_404(entries, pk=pk)
