"""The association's rows of the permission matrix (``testing.matrix``).

One block per part of the app; each helper adds their URL names to their own block. Reading is
``VIEW`` over the branch's place; acting is ``MANAGE_ASSOCIATION`` (the Hội Khuyến học officers
and the administrator): the commune's officer over ``world.commune``, the province's over all."""

import datetime
from collections.abc import Callable

from django.urls import reverse

from xhht.association import funds
from xhht.association.models import FundEntry, Member
from xhht.association.tests import factories, fund_factories
from xhht.testing.matrix import EVERY_OFFICER, VIEW_COMMUNE, Entry
from xhht.testing.world import World

#: MANAGE_ASSOCIATION somewhere, and over ``world.commune`` (the same three personas).
MANAGE_ASSOCIATION = frozenset({"admin", "association_officer", "province_association_officer"})


def _branch_url(name: str) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[w.once("commune_branch", factories.commune_branch).pk])


def _commune_member(w: World) -> Member:
    return factories.member(w, branch=w.once("commune_branch", factories.commune_branch))


def _member_url(name: str) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[w.once("commune_member", _commune_member).pk])


MATRIX: dict[str, Entry] = {
    # Branches, members and yearly figures
    "association:branch_list": Entry(
        lambda w: reverse("association:branch_list"), EVERY_OFFICER, get_only=True
    ),
    "association:branch_create": Entry(
        lambda w: reverse("association:branch_create"), MANAGE_ASSOCIATION
    ),
    "association:branch_detail": Entry(
        _branch_url("association:branch_detail"), VIEW_COMMUNE, get_only=True
    ),
    "association:branch_edit": Entry(_branch_url("association:branch_edit"), MANAGE_ASSOCIATION),
    "association:branch_dissolve": Entry(
        _branch_url("association:branch_dissolve"), MANAGE_ASSOCIATION
    ),
    "association:member_add": Entry(_branch_url("association:member_add"), MANAGE_ASSOCIATION),
    "association:figure_entry": Entry(_branch_url("association:figure_entry"), MANAGE_ASSOCIATION),
    "association:member_edit": Entry(_member_url("association:member_edit"), MANAGE_ASSOCIATION),
    "association:member_leave": Entry(_member_url("association:member_leave"), MANAGE_ASSOCIATION),
    "association:member_import": Entry(
        _branch_url("association:member_import"), MANAGE_ASSOCIATION
    ),
    "association:member_template": Entry(
        lambda w: reverse("association:member_template"), MANAGE_ASSOCIATION, get_only=True
    ),
    "association:figures": Entry(
        lambda w: reverse("association:figures"), EVERY_OFFICER, get_only=True
    ),
    "association:figures_export": Entry(
        lambda w: reverse("association:figures_export"), EVERY_OFFICER, get_only=True
    ),
}


# Study-promotion funds (A2): MANAGE_ASSOCIATION over the fund's place reads and writes them.
def _fund_url(name: str, *more: int) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[w.once("fund", fund_factories.fund).pk, *more])


def _receipt_entry(w: World) -> FundEntry:
    return funds.record_receipt(
        user=w.admin,
        fund=w.once("fund", fund_factories.fund),
        donor="Nhà hảo tâm",
        amount=1_000_000,
        date=datetime.date(2025, 3, 1),
    )


def _entry_url(name: str) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[w.once("fund_receipt", _receipt_entry).pk])


MATRIX |= {
    "association:fund_list": Entry(
        lambda w: reverse("association:fund_list"), MANAGE_ASSOCIATION, get_only=True
    ),
    "association:fund_create": Entry(
        lambda w: reverse("association:fund_create"), MANAGE_ASSOCIATION
    ),
    "association:fund_detail": Entry(
        _fund_url("association:fund_detail"), MANAGE_ASSOCIATION, get_only=True
    ),
    "association:fund_receipt": Entry(_fund_url("association:fund_receipt"), MANAGE_ASSOCIATION),
    "association:fund_disbursement": Entry(
        _fund_url("association:fund_disbursement"), MANAGE_ASSOCIATION
    ),
    "association:fund_report_xlsx": Entry(
        _fund_url("association:fund_report_xlsx", 2025), MANAGE_ASSOCIATION, get_only=True
    ),
    "association:fund_report_docx": Entry(
        _fund_url("association:fund_report_docx", 2025), MANAGE_ASSOCIATION, get_only=True
    ),
    "association:fund_entry_correct": Entry(
        _entry_url("association:fund_entry_correct"), MANAGE_ASSOCIATION
    ),
    "association:fund_entry_receipt": Entry(
        _entry_url("association:fund_entry_receipt"), MANAGE_ASSOCIATION, get_only=True
    ),
}
