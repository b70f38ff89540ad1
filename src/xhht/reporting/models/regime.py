"""The reporting regime as data: report types, their periods, and the template of sections."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xhht.accounts.models import Body
from xhht.core.audited import AuditedModel
from xhht.places.models import Level, Place
from xhht.reporting.periods import quarter_end, safe_date
from xhht.reporting.scope import body_or_place

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from xhht.accounts.models import User


class Frequency(models.TextChoices):
    YEARLY = "yearly", _("Hằng năm")
    HALF_YEARLY = "half_yearly", _("6 tháng")
    QUARTERLY = "quarterly", _("Hằng quý")


class ReportTypeQuerySet(models.QuerySet["ReportType"]):
    def visible_to(
        self, user: User | AnonymousUser, capability: str = "view"
    ) -> ReportTypeQuerySet:
        """Types of the user's places, and types their body files or receives."""
        query = body_or_place(
            user,
            capability,
            path_field="place__path",
            body_filters=["reporter_bodies", "receiver_body"],
        )
        return self.filter(query).distinct()


class ReportType(AuditedModel):
    """One periodic report of the regime: who files it, to whom, how often, by when, what in it."""

    name = models.CharField(_("tên báo cáo"), max_length=300)
    place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        related_name="report_types",
        verbose_name=_("cấp nhận báo cáo"),
    )
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    receiver_body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="received_report_types",
        verbose_name=_("cơ quan nhận (đầu mối tổng hợp)"),
    )
    receiver_text = models.CharField(
        _("gửi đến"), max_length=300, blank=True, help_text=_("Ví dụ: Ủy ban nhân dân Thành phố")
    )
    reporter_bodies = models.ManyToManyField(
        Body, blank=True, related_name="filed_report_types", verbose_name=_("cơ quan báo cáo")
    )
    reporter_level = models.CharField(
        _("địa phương báo cáo"),
        max_length=10,
        choices=[(Level.DISTRICT, Level.DISTRICT.label), (Level.COMMUNE, Level.COMMUNE.label)],
        blank=True,
        help_text=_("Mọi đơn vị cấp này thuộc địa bàn nhận báo cáo đều phải báo cáo."),
    )
    frequency = models.CharField(
        _("kỳ báo cáo"), max_length=12, choices=Frequency.choices, default=Frequency.YEARLY
    )
    cutoff_day = models.PositiveSmallIntegerField(_("chốt số liệu: ngày"), default=30)
    cutoff_month = models.PositiveSmallIntegerField(_("chốt số liệu: tháng"), default=11)
    due_day = models.PositiveSmallIntegerField(_("hạn gửi: ngày"), default=1)
    due_month = models.PositiveSmallIntegerField(_("hạn gửi: tháng"), default=12)
    due_days_after = models.PositiveSmallIntegerField(
        _("hạn gửi sau kỳ (ngày, cho báo cáo quý, 6 tháng)"), default=10
    )
    remind_days_before = models.PositiveSmallIntegerField(_("nhắc trước hạn (ngày)"), default=7)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReportTypeQuerySet.as_manager()

    class Meta:
        verbose_name = _("loại báo cáo")
        verbose_name_plural = _("chế độ báo cáo")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cutoff_month__gte=1, cutoff_month__lte=12, due_month__gte=1)
                & Q(due_month__lte=12, cutoff_day__gte=1, cutoff_day__lte=31)
                & Q(due_day__gte=1, due_day__lte=31),
                name="report_type_dates_valid",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def audit_place(self) -> Place:
        return self.place

    def periods_per_year(self) -> int:
        return {Frequency.YEARLY: 1, Frequency.HALF_YEARLY: 2, Frequency.QUARTERLY: 4}[
            Frequency(self.frequency)
        ]

    def propose_period(self, year: int, index: int) -> tuple[str, datetime.date, datetime.date]:
        """(label, data cut-off, due date) of period ``index`` of ``year``."""
        if self.frequency == Frequency.YEARLY:
            cutoff = safe_date(year, self.cutoff_month, self.cutoff_day)
            return f"Năm {year}", cutoff, safe_date(year, self.due_month, self.due_day)
        if self.frequency == Frequency.HALF_YEARLY:
            end = quarter_end(year, 2 * index)
            label = f"6 tháng đầu năm {year}" if index == 1 else f"Năm {year} (6 tháng cuối)"
        else:
            end = quarter_end(year, index)
            label = f"Quý {('I', 'II', 'III', 'IV')[index - 1]} năm {year}"
        return label, end, end + datetime.timedelta(days=self.due_days_after)


class ReportingPeriod(AuditedModel):
    """One opened period of a report type: the reports it expects are created when it opens."""

    report_type = models.ForeignKey(ReportType, on_delete=models.CASCADE, related_name="periods")
    year = models.PositiveSmallIntegerField(_("năm"))
    index = models.PositiveSmallIntegerField(_("kỳ trong năm"), default=1)
    label = models.CharField(_("kỳ"), max_length=60)
    cutoff = models.DateField(_("ngày chốt số liệu"))
    due = models.DateField(_("hạn gửi"))
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["-year", "-index"]
        constraints = [
            models.UniqueConstraint(
                fields=["report_type", "year", "index"], name="period_unique_per_type"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_type.name} · {self.label}"

    def audit_place(self) -> Place:
        return self.report_type.place


class ReportSection(AuditedModel):
    """A section of the template: a narrative question, or a table of figures."""

    class Kind(models.TextChoices):
        NARRATIVE = "narrative", _("Nội dung (câu hỏi)")
        TABLE = "table", _("Bảng số liệu")

    report_type = models.ForeignKey(ReportType, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    kind = models.CharField(_("loại mục"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("tiêu đề mục"), max_length=300)
    guidance = models.TextField(_("câu hỏi, hướng dẫn"), blank=True)

    class Meta:
        verbose_name = _("mục báo cáo")
        verbose_name_plural = _("mục báo cáo")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title

    def audit_place(self) -> Place:
        return self.report_type.place


class TableRow(AuditedModel):
    """A row of a table section: one figure every reporter gives, summed up the tree."""

    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="rows")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    label = models.CharField(_("chỉ tiêu"), max_length=300)
    unit = models.CharField(_("đơn vị tính"), max_length=40, blank=True)
    indicator = models.ForeignKey(
        "indicators.Indicator",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="report_rows",
        verbose_name=_("chỉ tiêu (điền sẵn số liệu hệ thống)"),
    )

    class Meta:
        verbose_name = _("dòng bảng số liệu")
        verbose_name_plural = _("dòng bảng số liệu")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.label

    def audit_place(self) -> Place:
        return self.section.report_type.place
