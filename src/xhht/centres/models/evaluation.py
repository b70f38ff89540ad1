"""A community learning centre's yearly self-evaluation (tự đánh giá) through a criteria set of
kind ``criteria.Title.CENTRE``: the province's own set, entered in the criteria editor (no
official national items are shipped). The centre's staff mark each item and submit; the commune
officer (``MANAGE_CENTRES``) confirms."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xhht.accounts.scoped import ScopedQuerySet
from xhht.centres.models.centre import Centre
from xhht.core.audited import AuditedModel
from xhht.places.models import Place


class CentreEvaluationQuerySet(ScopedQuerySet["CentreEvaluation"]):
    place_path_field = "centre__place__path"


class CentreEvaluation(AuditedModel):
    class State(models.TextChoices):
        DRAFT = "draft", _("Đang tự đánh giá")
        SUBMITTED = "submitted", _("Đã gửi, chờ xã xác nhận")
        CONFIRMED = "confirmed", _("Đã được xã xác nhận")

    centre = models.ForeignKey(
        Centre, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("trung tâm")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    criteria_set = models.ForeignKey(
        "criteria.CriteriaSet",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("bộ tiêu chí"),
    )
    #: {item code: {"points": "7.5"} or {"met": true}} as recognition's assessments keep them.
    marks = models.JSONField(_("điểm tự chấm"), default=dict, blank=True)
    total = models.DecimalField(_("tổng điểm"), max_digits=7, decimal_places=2, default=Decimal(0))
    passed = models.BooleanField(_("đạt yêu cầu"), default=False)
    grade = models.CharField(_("xếp loại"), max_length=100, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.DRAFT
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người gửi"),
    )
    submitted_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người xác nhận"),
    )
    confirmed_at = models.DateTimeField(_("ngày xác nhận"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CentreEvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("tự đánh giá của trung tâm")
        verbose_name_plural = _("tự đánh giá của trung tâm")
        ordering = ["-year", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "year"], name="centre_evaluation_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.centre} · {self.year}"

    def audit_place(self) -> Place:
        return self.centre.place
