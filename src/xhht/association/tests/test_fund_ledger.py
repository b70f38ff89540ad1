"""The fund's ledger: receipts and disbursements in whole đồng, never edited nor deleted, put
right by correction entries; a disbursement never makes the balance negative; bad input gets a
Vietnamese message and nothing is written."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from xhht.association import funds
from xhht.association.funds_balances import yearly_balances
from xhht.association.models import FundEntry
from xhht.association.models.funds import LedgerIsWriteOnce
from xhht.association.tests import fund_factories as f
from xhht.audit.models import AuditEntry
from xhht.audit.wording import step_label
from xhht.core.workflow import StepRefused
from xhht.registry.models import Clan, Person, Unit
from xhht.testing.world import World

D = datetime.date
MARCH = D(2025, 3, 1)
SEPTEMBER = D(2025, 9, 5)


def _receipt(world: World, amount: int = 5_000_000, day: D = MARCH) -> FundEntry:
    return funds.record_receipt(
        user=world.association_officer,
        fund=f.fund(world),
        donor="Công ty TNHH Ánh Dương",
        amount=amount,
        date=day,
    )


def _scholarship(world: World, amount: int, day: D = SEPTEMBER) -> FundEntry:
    return funds.record_disbursement(
        user=world.association_officer,
        fund=f.fund(world),
        recipient=f.pupil(world),
        purpose=FundEntry.Purpose.SCHOLARSHIP,
        amount=amount,
        date=day,
    )


def test_a_receipt_and_a_scholarship_are_numbered_per_kind_and_year_and_audited(
    world: World,
) -> None:
    first = _receipt(world)
    second = _receipt(world, 1_500_000, D(2025, 4, 1))
    paid = _scholarship(world, 2_000_000)
    assert (first.code, second.code, paid.code) == ("PT 2025/1", "PT 2025/2", "PC 2025/1")
    assert paid.party_name == "Trần Thị Học" and paid.signed == -2_000_000
    steps = AuditEntry.objects.filter(step__in=["record_receipt", "record_disbursement"])
    assert steps.count() == 3
    assert funds.money(first.amount) == "5.000.000 đ"
    assert step_label("record_disbursement") == "Ghi khoản chi quỹ khuyến học"  # the trail names it


def test_donors_may_be_a_person_a_unit_or_a_clan_of_the_registry(world: World) -> None:
    fund = f.fund(world)
    person = Person.objects.create(
        full_name="Lê Văn Tâm", sex="M", birth_year=1960, place=world.hamlet
    )
    unit = Unit.objects.create(
        code="DN-01",
        name="Doanh nghiệp Mekong",
        kind=Unit.Kind.ENTERPRISE,
        level="commune",
        place=world.commune,
    )
    clan = Clan.objects.create(code="DH-01", name="Dòng họ Nguyễn", commune=world.commune)
    kinds = [
        funds.record_receipt(
            user=world.association_officer,
            fund=fund,
            donor=donor,
            amount=100_000,
            date=D(2025, 1, 5),
        ).donor_kind
        for donor in (person, unit, clan)
    ]
    assert kinds == ["person", "unit", "clan"]


def test_an_entry_is_never_edited_nor_deleted(world: World) -> None:
    entry = _receipt(world)
    entry.amount = 1
    with pytest.raises(LedgerIsWriteOnce):
        entry.save()
    with pytest.raises(LedgerIsWriteOnce):
        entry.delete()
    with pytest.raises(LedgerIsWriteOnce):
        FundEntry.objects.filter(pk=entry.pk).update(amount=1)
    with pytest.raises(LedgerIsWriteOnce):
        FundEntry.objects.filter(pk=entry.pk).delete()
    assert FundEntry.objects.values_list("amount", flat=True).get() == 5_000_000


def test_a_correction_is_a_new_linked_entry_with_its_reason(world: World) -> None:
    entry = _receipt(world, 5_000_000)
    lowered = funds.correct_entry(
        user=world.association_officer,
        entry=entry,
        new_amount=4_500_000,
        reason="Ghi nhầm số tiền trên phiếu",
        date=D(2025, 3, 2),
    )
    assert (lowered.corrects, lowered.lowers, lowered.amount) == (entry, True, 500_000)
    assert lowered.code == "PT 2025/2" and lowered.reason == "Ghi nhầm số tiền trên phiếu"
    assert funds.effective_amount(entry) == 4_500_000
    # Correcting the correction corrects the original: raised again to 4.800.000.
    raised = funds.correct_entry(
        user=world.association_officer,
        entry=lowered,
        new_amount=4_800_000,
        reason="Kiểm lại",
        date=D(2025, 3, 3),
    )
    assert (raised.corrects, raised.lowers, raised.amount) == (entry, False, 300_000)
    assert yearly_balances(f.fund(world), until=2025)[-1].receipts == 4_800_000
    assert AuditEntry.objects.filter(step="correct_entry", reason="Kiểm lại").exists()


def test_a_disbursement_that_would_overdraw_the_fund_is_refused_and_nothing_written(
    world: World,
) -> None:
    _receipt(world, 1_000_000)
    with pytest.raises(StepRefused) as refused:
        _scholarship(world, 1_500_000)
    assert "số dư của quỹ không đủ (còn 1.000.000 đ, cần 1.500.000 đ)" in refused.value.message
    assert FundEntry.objects.filter(kind=FundEntry.Kind.DISBURSEMENT).count() == 0
    assert not AuditEntry.objects.filter(step="record_disbursement").exists()
    _scholarship(world, 1_000_000)  # exactly the balance: allowed


def test_a_backdated_disbursement_may_not_overdraw_a_later_day(world: World) -> None:
    _receipt(world, 1_000_000, D(2025, 3, 1))
    _scholarship(world, 1_000_000, D(2025, 9, 5))
    _receipt(world, 2_000_000, D(2025, 10, 1))
    with pytest.raises(StepRefused):  # on 1/9 there was 1.000.000, spent on 5/9
        _scholarship(world, 500_000, D(2025, 9, 1))
    _scholarship(world, 500_000, D(2025, 10, 2))


def test_lowering_a_receipt_already_spent_is_refused(world: World) -> None:
    entry = _receipt(world, 1_000_000)
    _scholarship(world, 800_000)
    with pytest.raises(StepRefused):
        funds.correct_entry(
            user=world.association_officer,
            entry=entry,
            new_amount=0,
            reason="Hủy",
            date=D(2025, 10, 1),
        )
    assert FundEntry.objects.filter(corrects__isnull=False).count() == 0


@pytest.mark.parametrize(
    ("amount", "day", "message"),
    [
        (0, D(2025, 1, 1), "Số tiền phải là số đồng nguyên, lớn hơn 0."),
        (-5, D(2025, 1, 1), "Số tiền phải là số đồng nguyên, lớn hơn 0."),
        (10**14, D(2025, 1, 1), "Số tiền quá lớn; hãy kiểm tra lại."),
        (1000, D(2099, 1, 1), "Ngày không được sau hôm nay."),
        (1000, D(2023, 12, 31), "Ngày không được trước ngày lập quỹ."),
    ],
)
def test_bad_input_is_refused_with_a_vietnamese_message(
    world: World, amount: int, day: D, message: str
) -> None:
    with pytest.raises(StepRefused) as refused:
        _receipt(world, amount, day)
    assert refused.value.message == message
    assert not FundEntry.objects.exists()


def test_corrections_need_a_reason_and_a_different_amount(world: World) -> None:
    entry = _receipt(world, 1_000_000)
    officer = world.association_officer
    for amount, reason, message in [
        (900_000, "  ", "Hãy ghi lý do điều chỉnh."),
        (1_000_000, "Nhầm", "Số tiền sau điều chỉnh bằng số đang ghi (1.000.000 đ)"),
        (-1, "Nhầm", "Số tiền sau điều chỉnh phải từ 0 đồng trở lên."),
    ]:
        with pytest.raises(StepRefused) as refused:
            funds.correct_entry(
                user=officer, entry=entry, new_amount=amount, reason=reason, date=D(2025, 3, 2)
            )
        assert refused.value.message.startswith(message)
    assert FundEntry.objects.count() == 1


def test_another_communes_officer_may_not_write_in_the_fund(world: World) -> None:
    with pytest.raises(PermissionDenied):
        funds.record_receipt(
            user=world.other_officer, fund=f.fund(world), donor="X", amount=1, date=D(2025, 1, 1)
        )
    with pytest.raises(PermissionDenied):  # the commune's officer (UBND) reads no fund either
        funds.record_receipt(
            user=world.commune_officer, fund=f.fund(world), donor="X", amount=1, date=D(2025, 1, 1)
        )


def test_a_recipient_outside_the_officers_place_is_refused(world: World) -> None:
    _receipt(world)
    stranger = Person.objects.create(
        full_name="Người Ngoài", sex="M", birth_year=2010, place=world.other_hamlet
    )
    with pytest.raises(StepRefused):
        funds.record_disbursement(
            user=world.association_officer,
            fund=f.fund(world),
            recipient=stranger,
            purpose="award",
            amount=1000,
            date=D(2025, 5, 1),
        )


def test_the_database_refuses_an_amount_below_one_dong(world: World) -> None:
    fund = f.fund(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        FundEntry.objects.create(
            fund=fund, kind="receipt", number=1, year=2025, date=D(2025, 1, 1), amount=0
        )


def test_balances_per_year_carry_the_closing_into_the_next_opening(world: World) -> None:
    _receipt(world, 3_000_000, D(2024, 6, 1))
    _scholarship(world, 1_000_000, D(2024, 9, 1))
    _receipt(world, 500_000, D(2025, 2, 1))
    balances = {b.year: b for b in yearly_balances(f.fund(world), until=2025)}
    assert (balances[2024].opening, balances[2024].closing) == (0, 2_000_000)
    assert (balances[2025].opening, balances[2025].receipts, balances[2025].closing) == (
        2_000_000,
        500_000,
        2_500_000,
    )


def test_a_fund_is_opened_only_by_the_branchs_association_and_once_per_name(world: World) -> None:
    branch = f.branch_at(world.commune)
    opened = funds.open_fund(
        user=world.association_officer,
        branch=branch,
        name="  Quỹ  học bổng ",
        opened_on=D(2025, 1, 1),
    )
    assert opened.name == "Quỹ học bổng"
    with pytest.raises(StepRefused, match="đã có một quỹ cùng tên"):
        funds.open_fund(
            user=world.association_officer,
            branch=branch,
            name="Quỹ học bổng",
            opened_on=D(2025, 1, 1),
        )
    other = f.branch_at(world.other_commune)
    with pytest.raises(PermissionDenied):
        funds.open_fund(
            user=world.association_officer, branch=other, name="Quỹ", opened_on=D(2025, 1, 1)
        )
