"""Plans (kế hoạch) and their targets (chỉ tiêu), read off the documents provinces issue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xhht.accounts.access import EVERYWHERE, scope_filter, scope_paths
from xhht.core.audited import AuditedModel
from xhht.indicators.models import Indicator
from xhht.places.models import Place

if TYPE_CHECKING:
    from xhht.accounts.models import User


class PlanQuerySet(models.QuerySet["Plan"]):
    def visible_to(self, user: User, capability: str = "view") -> PlanQuerySet:
        """Plans of the places in the user's scope, and of the places above it (a commune reads
        the province plan it carries out)."""
        if EVERYWHERE in scope_paths(user, capability):
            return self.all()

        above = {pk for prefix in scope_paths(user, capability) for pk in Place.ids_in_path(prefix)}
        # A plan of a unit that no longer exists (Bến Cát before 1/7/2025) is seen through the
        # units it continues as.
        successors = scope_filter(user, capability, "place__successions__successor__path")
        return self.filter(
            scope_filter(user, capability, "place__path")
            | models.Q(place_id__in=above)
            | (models.Q(place__valid_to__isnull=False) & successors)
        ).distinct()


class Plan(AuditedModel):
    number = models.CharField(_("số hiệu"), max_length=60, blank=True, default="")
    date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200)
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="plans", verbose_name=_("địa bàn")
    )
    title = models.CharField(_("trích yếu"), max_length=500, blank=True, default="")
    period_start = models.PositiveSmallIntegerField(_("từ năm"))
    period_end = models.PositiveSmallIntegerField(_("đến năm"))
    source_document = models.FileField(
        _("văn bản gốc"), upload_to="plans/%Y/", blank=True, default=""
    )
    source_name = models.CharField(_("tên tệp"), max_length=255, blank=True, default="")
    source_text = models.TextField(_("nội dung văn bản"), blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    #: The plan this one carries out ("Thực hiện Kế hoạch số …", a commune's plan under its
    #: province's), when that plan is in the system.
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sub_plans",
        verbose_name=_("thực hiện kế hoạch"),
    )

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-date", "number"]
        constraints = [
            models.UniqueConstraint(fields=["place", "number", "date"], name="plan_unique"),
        ]

    def __str__(self) -> str:
        when = f" ({self.date:%d/%m/%Y})" if self.date else ""
        return f"{self.number or self.title[:60]}{when}"

    def audit_place(self) -> Place:
        return self.place


class Target(AuditedModel):
    class Kind(models.TextChoices):
        PERCENT = "percent", _("Tỉ lệ (%)")
        COUNT = "count", _("Số lượng")
        YES_NO = "yes_no", _("Đạt/không đạt")
        MAINTAIN = "maintain", _("Duy trì kết quả đã đạt")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="targets", verbose_name=_("chỉ tiêu")
    )
    year = models.PositiveSmallIntegerField(_("năm (mốc)"))
    value = models.DecimalField(
        _("giá trị"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    kind = models.CharField(_("dạng"), max_length=10, choices=Kind.choices)
    #: "trong đó" (of which): this target is a part of another target of the same plan.
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="parts",
        verbose_name=_("thuộc chỉ tiêu"),
    )
    text = models.TextField(_("nguyên văn"), blank=True, default="")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("chỉ tiêu của kế hoạch")
        verbose_name_plural = _("chỉ tiêu của kế hoạch")
        ordering = ["plan", "order", "year"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "indicator", "year"], name="target_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.year}: {self.value}"

    def audit_place(self) -> Place:
        return self.plan.place
