"""The steps of a study-promotion fund's ledger: open a fund, record a receipt, record a
disbursement, correct an entry. Each is keyword-only, atomic and audited; each checks
``MANAGE_ASSOCIATION`` at the fund's place and locks the fund's row, so two officers writing at
once number their entries one after the other and never spend the same money twice.

Nothing is edited or deleted: a correction is a new entry linked to the one it corrects, with a
reason, raising or lowering it (to zero: cancelled). A disbursement, or a correction, that would
make the balance negative on its date or any later date is refused.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability, require
from xhht.accounts.models import User
from xhht.association.models import Branch, Fund, FundEntry
from xhht.association.models.funds import signed_amount
from xhht.audit.actions import record_step
from xhht.audit.context import acting_as
from xhht.core.text import group_thousands
from xhht.core.workflow import StepRefused
from xhht.registry.models import Clan, Person, Unit

MANAGE = Capability.MANAGE_ASSOCIATION
#: The earliest year an entry may carry (older books are summed into the opening entry).
FIRST_YEAR = 2000
#: The largest amount one entry may carry (10 000 tỉ đồng): a typo guard, not a rule.
MAX_AMOUNT = 10**13

Donor = Person | Unit | Clan | str


def money(amount: int) -> str:
    """1500000 → "1.500.000 đ"."""
    sign = "−" if amount < 0 else ""
    return f"{sign}{group_thousands(abs(amount))} đ"


def open_fund(*, user: User, branch: Branch, name: str, opened_on: datetime.date) -> Fund:
    require(user, MANAGE, branch.place)
    name = " ".join(name.split())
    if not name:
        raise StepRefused(_("Hãy nhập tên quỹ."))
    if Fund.objects.filter(branch=branch, name=name).exists():
        raise StepRefused(_("Chi hội này đã có một quỹ cùng tên."))
    _check_date(opened_on)
    with transaction.atomic(), acting_as(user):
        return Fund.objects.create(branch=branch, name=name, opened_on=opened_on)


def record_receipt(
    *,
    user: User,
    fund: Fund,
    donor: Donor,
    amount: int,
    date: datetime.date,
    description: str = "",
) -> FundEntry:
    """Money given to the fund by a person of the registry, a unit (an enterprise, an agency),
    a clan or a donor named in words."""
    entry = FundEntry(kind=FundEntry.Kind.RECEIPT, description=description.strip())
    _set_donor(user, entry, donor)
    return _write(
        user=user, fund=fund, entry=entry, amount=amount, date=date, step="record_receipt"
    )


def record_disbursement(
    *,
    user: User,
    fund: Fund,
    recipient: Person,
    purpose: str,
    amount: int,
    date: datetime.date,
    description: str = "",
) -> FundEntry:
    """A scholarship, an award or support paid from the fund to a learner of the registry."""
    if purpose not in set(FundEntry.Purpose.values) - {""}:
        raise StepRefused(_("Hãy chọn mục đích chi: học bổng, khen thưởng, hỗ trợ hoặc chi khác."))
    if not Person.objects.visible_to(user).filter(pk=recipient.pk).exists():
        raise StepRefused(_("Người nhận không thuộc địa bàn của bạn."))
    entry = FundEntry(
        kind=FundEntry.Kind.DISBURSEMENT,
        purpose=purpose,
        recipient=recipient,
        party_name=recipient.full_name,
        description=description.strip(),
    )
    return _write(
        user=user, fund=fund, entry=entry, amount=amount, date=date, step="record_disbursement"
    )


def correct_entry(
    *,
    user: User,
    entry: FundEntry,
    new_amount: int,
    reason: str,
    date: datetime.date,
) -> FundEntry:
    """A new entry bringing ``entry`` (or the entry it corrects) to ``new_amount`` (0: cancelled),
    dated ``date`` (the day the mistake is put right), with the reason."""
    reason = " ".join(reason.split())
    if not reason:
        raise StepRefused(_("Hãy ghi lý do điều chỉnh."))
    original = entry.corrects if entry.corrects_id is not None else entry
    assert original is not None  # noqa: S101 - corrects_id set means corrects loads
    if new_amount < 0 or new_amount > MAX_AMOUNT:
        raise StepRefused(_("Số tiền sau điều chỉnh phải từ 0 đồng trở lên."))
    current = effective_amount(original)
    if new_amount == current:
        raise StepRefused(
            _("Số tiền sau điều chỉnh bằng số đang ghi (%(amount)s); không có gì để điều chỉnh.")
            % {"amount": money(current)}
        )
    if date < original.date:
        raise StepRefused(_("Ngày điều chỉnh không được trước ngày của bút toán được điều chỉnh."))
    correction = FundEntry(
        kind=original.kind,
        corrects=original,
        lowers=new_amount < current,
        reason=reason,
        donor_kind=original.donor_kind,
        donor_person=original.donor_person,
        donor_unit=original.donor_unit,
        donor_clan=original.donor_clan,
        purpose=original.purpose,
        recipient=original.recipient,
        party_name=original.party_name,
        description=_("Điều chỉnh %(code)s") % {"code": original.code},
    )
    return _write(
        user=user,
        fund=original.fund,
        entry=correction,
        amount=abs(new_amount - current),
        date=date,
        step="correct_entry",
        reason=reason,
    )


def effective_amount(entry: FundEntry) -> int:
    """The entry's amount after its corrections."""
    changes = entry.corrections.values_list("amount", "lowers")
    return entry.amount + sum(-amount if lowers else amount for amount, lowers in changes)


def _set_donor(user: User, entry: FundEntry, donor: Donor) -> None:
    if isinstance(donor, str):
        name = " ".join(donor.split())
        if not name:
            raise StepRefused(_("Hãy chọn nhà tài trợ trong sổ hoặc ghi tên nhà tài trợ."))
        entry.donor_kind, entry.party_name = FundEntry.DonorKind.NAMED, name[:250]
        return
    if isinstance(donor, Person):
        visible = Person.objects.visible_to(user).filter(pk=donor.pk).exists()
        entry.donor_kind, entry.donor_person, entry.party_name = "person", donor, donor.full_name
    elif isinstance(donor, Unit):
        visible = Unit.objects.visible_to(user).filter(pk=donor.pk).exists()
        entry.donor_kind, entry.donor_unit, entry.party_name = "unit", donor, donor.name
    else:
        visible = Clan.objects.visible_to(user).filter(pk=donor.pk).exists()
        entry.donor_kind, entry.donor_clan, entry.party_name = "clan", donor, donor.name
    if not visible:
        raise StepRefused(_("Nhà tài trợ không thuộc địa bàn của bạn."))


def _check_date(date: datetime.date) -> None:
    if date > timezone.localdate():
        raise StepRefused(_("Ngày không được sau hôm nay."))
    if date.year < FIRST_YEAR:
        raise StepRefused(_("Năm phải từ %(year)s trở đi.") % {"year": FIRST_YEAR})


def _check_amount(amount: int) -> None:
    if amount < 1:
        raise StepRefused(_("Số tiền phải là số đồng nguyên, lớn hơn 0."))
    if amount > MAX_AMOUNT:
        raise StepRefused(_("Số tiền quá lớn; hãy kiểm tra lại."))


def _write(
    *,
    user: User,
    fund: Fund,
    entry: FundEntry,
    amount: int,
    date: datetime.date,
    step: str,
    reason: str = "",
) -> FundEntry:
    require(user, MANAGE, fund.branch.place)
    _check_amount(amount)
    _check_date(date)
    with transaction.atomic(), acting_as(user, reason=reason):
        locked = Fund.objects.select_for_update().select_related("branch__place").get(pk=fund.pk)
        if date < locked.opened_on:
            raise StepRefused(_("Ngày không được trước ngày lập quỹ."))
        entry.fund, entry.amount, entry.date, entry.year = locked, amount, date, date.year
        entry.created_by = user
        last = FundEntry.objects.filter(fund=locked, kind=entry.kind, year=date.year)
        entry.number = (last.aggregate(n=Max("number"))["n"] or 0) + 1
        if entry.signed < 0:
            _refuse_overdraft(locked, date, entry.signed)
        entry.save()
        record_step(
            actor=user,
            obj=entry,
            step=step,
            place=locked.branch.place,
            after={"code": entry.code, "amount": amount, "party": entry.party_name},
            reason=reason,
        )
    return entry


def _refuse_overdraft(fund: Fund, date: datetime.date, change: int) -> None:
    """Refuse ``change`` (negative) on ``date`` when the balance at the end of that day or of
    any later day would fall below zero."""
    entries = FundEntry.objects.filter(fund=fund)
    before = entries.filter(date__lt=date).aggregate(s=Sum(signed_amount()))["s"] or 0
    days: Iterable[tuple[datetime.date, int]] = (
        entries.filter(date__gte=date)
        .values("date")
        .order_by("date")
        .annotate(s=Sum(signed_amount()))
        .values_list("date", "s")
    )
    balance = before + change
    lowest = min([balance := balance + total for _day, total in days], default=balance)
    if lowest < 0:
        available = lowest - change
        raise StepRefused(
            _(
                "Không chi được: số dư của quỹ không đủ (còn %(available)s, cần %(needed)s). "
                "Quỹ không được âm."
            )
            % {"available": money(max(available, 0)), "needed": money(-change)}
        )
