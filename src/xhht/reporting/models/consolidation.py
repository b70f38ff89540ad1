"""The coordinator's consolidated report of a period, built in the background."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xhht.accounts.models import Body
from xhht.core.audited import AuditedModel
from xhht.places.models import Place
from xhht.reporting.models.regime import ReportingPeriod
from xhht.reporting.scope import place_only

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from xhht.accounts.models import User


class ConsolidationQuerySet(models.QuerySet["Consolidation"]):
    def visible_to(
        self, user: User | AnonymousUser, capability: str = "receive_reports"
    ) -> ConsolidationQuerySet:
        return self.filter(place_only(user, capability, "place__path"))


class Consolidation(AuditedModel):
    """The consolidated report (báo cáo tổng hợp) and the progress of building its files."""

    class State(models.TextChoices):
        PENDING = "pending", _("Đang chờ")
        RUNNING = "running", _("Đang tổng hợp")
        DONE = "done", _("Hoàn thành")
        FAILED = "failed", _("Lỗi")

    audit_exclude: ClassVar[frozenset[str]] = frozenset({"progress", "docx", "xlsx", "pdf"})

    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="consolidations"
    )
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="+")
    issuing_body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan ban hành")
    )
    parent_body_name = models.CharField(
        _("cơ quan chủ quản"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: UBND THÀNH PHỐ CẦN THƠ"),
    )
    number = models.CharField(_("số, ký hiệu"), max_length=60, help_text=_("Ví dụ: 15/BC-SGDĐT"))
    place_name = models.CharField(_("địa danh"), max_length=80, help_text=_("Ví dụ: Cần Thơ"))
    issued_on = models.DateField(_("ngày ban hành"))
    title = models.CharField(_("trích yếu"), max_length=300)
    recipients = models.TextField(_("nơi nhận"), help_text=_("Mỗi dòng một nơi nhận."))
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120)
    signer_name = models.CharField(_("người ký"), max_length=120)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    docx = models.FileField(upload_to="reporting/consolidated/", blank=True)
    xlsx = models.FileField(upload_to="reporting/consolidated/", blank=True)
    pdf = models.FileField(upload_to="reporting/consolidated/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConsolidationQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo tổng hợp")
        verbose_name_plural = _("báo cáo tổng hợp")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def audit_place(self) -> Place:
        return self.place
