"""Study-promotion funds (quỹ khuyến học) of a branch and their ledger.

A fund belongs to a branch (the association of a commune, a chapter in a school…). Its ledger is
a list of entries that are never changed nor deleted: a receipt (thu: money given by a person of
the registry, a unit, a clan or a donor named in words), a disbursement (chi: a scholarship, an
award or support to a learner of the registry) or a correction of an earlier entry (its own
entry, linked to the one it corrects, with a reason, that raises or lowers it). Money is whole
đồng (``amount`` ≥ 1); a correction that lowers says so with ``lowers``.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xhht.accounts.scoped import ScopedQuerySet
from xhht.association.models.branch import Branch
from xhht.core.audited import AuditedModel
from xhht.places.models import Place
from xhht.registry.models import Clan, NamedRecord, Person, Unit


class LedgerIsWriteOnce(Exception):
    """A ledger entry may not be changed or deleted; a correction is a new entry."""


class FundQuerySet(ScopedQuerySet["Fund"]):
    place_path_field = "branch__place__path"

    def with_balance(self) -> FundQuerySet:
        """Each fund with its current balance (``balance``), in the one query of the list."""
        return self.annotate(balance=Coalesce(models.Sum(signed_amount("entries__")), Value(0)))


class Fund(NamedRecord):
    """Quỹ khuyến học: a branch's fund (one branch may keep several, each with its own name)."""

    branch = models.ForeignKey(
        Branch, on_delete=models.PROTECT, related_name="funds", verbose_name=_("chi hội, hội")
    )
    name = models.CharField(_("tên quỹ"), max_length=250)
    opened_on = models.DateField(_("ngày lập quỹ"))

    objects = FundQuerySet.as_manager()

    class Meta:
        verbose_name = _("quỹ khuyến học")
        verbose_name_plural = _("quỹ khuyến học")
        constraints = [
            models.UniqueConstraint(
                fields=["branch", "name"],
                name="fund_name_unique_per_branch",
                violation_error_message=_("Chi hội này đã có một quỹ cùng tên."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def search_source(self) -> str:
        return self.name

    def audit_place(self) -> Place:
        return self.branch.place


def signed_amount(prefix: str = "") -> Case:
    """The entry's effect on the balance: + for receipts and corrections raising a receipt or
    lowering a disbursement, − for the others."""
    kind, lowers, amount = f"{prefix}kind", f"{prefix}lowers", F(f"{prefix}amount")
    receipt = FundEntry.Kind.RECEIPT
    return Case(
        When(Q(**{kind: receipt, lowers: False}), then=amount),
        When(Q(**{kind: receipt, lowers: True}), then=-amount),
        When(Q(**{lowers: True}), then=amount),
        default=-amount,
        output_field=models.BigIntegerField(),
    )


def reported_amount(prefix: str = "") -> Case:
    """The entry's effect on its own column (receipts or disbursements): − when it lowers."""
    return Case(
        When(Q(**{f"{prefix}lowers": True}), then=-F(f"{prefix}amount")),
        default=F(f"{prefix}amount"),
        output_field=models.BigIntegerField(),
    )


class FundEntryQuerySet(ScopedQuerySet["FundEntry"]):
    place_path_field = "fund__branch__place__path"

    def update(self, **kwargs: Any) -> NoReturn:
        raise LedgerIsWriteOnce

    def delete(self) -> NoReturn:
        raise LedgerIsWriteOnce

    def of_year(self, year: int) -> FundEntryQuerySet:
        return self.filter(date__year=year)


class FundEntry(AuditedModel):
    """One line of a fund's ledger; written once (see the module)."""

    class Kind(models.TextChoices):
        # In a context: Django's own Vietnamese catalogue translates a bare "Thu" (Thursday) as
        # "Thứ 5", which the ledger showed for every receipt.
        RECEIPT = "receipt", pgettext_lazy("fund entry", "Thu")
        DISBURSEMENT = "disbursement", pgettext_lazy("fund entry", "Chi")

    class DonorKind(models.TextChoices):
        NONE = "", _("—")
        PERSON = "person", _("Cá nhân trong sổ")
        UNIT = "unit", _("Cơ quan, doanh nghiệp, đơn vị")
        CLAN = "clan", _("Dòng họ")
        NAMED = "named", _("Nhà hảo tâm khác (ghi tên)")

    class Purpose(models.TextChoices):
        NONE = "", _("—")
        SCHOLARSHIP = "scholarship", _("Học bổng")
        AWARD = "award", _("Khen thưởng")
        SUPPORT = "support", _("Hỗ trợ người học có hoàn cảnh khó khăn")
        OTHER = "other", _("Chi khác")

    fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, related_name="entries", verbose_name=_("quỹ")
    )
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    #: Per fund, kind and year: the receipt's "Số" (PT 2026/3).
    number = models.PositiveIntegerField(_("số"))
    year = models.PositiveSmallIntegerField(_("năm"))
    date = models.DateField(_("ngày"))
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    #: A correction lowering the entry it corrects (otherwise it raises it).
    lowers = models.BooleanField(_("giảm"), default=False)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("điều chỉnh cho"),
    )
    reason = models.CharField(_("lý do điều chỉnh"), max_length=500, blank=True)
    # Receipts: who gave.
    donor_kind = models.CharField(
        _("loại nhà tài trợ"), max_length=10, choices=DonorKind.choices, blank=True, default=""
    )
    donor_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    donor_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    donor_clan = models.ForeignKey(
        Clan, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Disbursements: to whom and why.
    purpose = models.CharField(
        _("mục đích chi"), max_length=12, choices=Purpose.choices, blank=True, default=""
    )
    recipient = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fund_disbursements",
        verbose_name=_("người nhận"),
    )
    #: The donor's or recipient's name as written on the day (kept when the record changes).
    party_name = models.CharField(_("người nộp, người nhận"), max_length=250, blank=True)
    description = models.CharField(_("nội dung"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FundEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("bút toán quỹ khuyến học")
        verbose_name_plural = _("sổ quỹ khuyến học")
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["fund", "date"], name="fund_entry_date")]
        constraints = [
            models.UniqueConstraint(
                fields=["fund", "kind", "year", "number"], name="fund_entry_number_unique"
            ),
            models.CheckConstraint(condition=Q(amount__gte=1), name="fund_entry_amount_positive"),
            models.CheckConstraint(
                condition=Q(lowers=False) | Q(corrects__isnull=False),
                name="fund_entry_only_corrections_lower",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.party_name}".strip()

    @property
    def code(self) -> str:
        prefix = "PT" if self.kind == self.Kind.RECEIPT else "PC"
        return f"{prefix} {self.year}/{self.number}"

    @property
    def signed(self) -> int:
        """The entry's effect on the balance."""
        sign = 1 if (self.kind == self.Kind.RECEIPT) != self.lowers else -1
        return sign * self.amount

    @property
    def is_correction(self) -> bool:
        return self.corrects_id is not None

    def audit_place(self) -> Place:
        return self.fund.branch.place

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise LedgerIsWriteOnce
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise LedgerIsWriteOnce
