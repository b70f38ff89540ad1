"""A commune's PCGD–XMC file for a school year: self-check and request, the province's check
and recognition (submitted → checked → recognised, or returned), as the learning titles'
workflow (steps are conditional updates on ``state`` and ``version``; ``pcgd.actions``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xhht.accounts.scoped import ScopedQuerySet
from xhht.core.audited import AuditedModel
from xhht.places.models import Place


class DossierQuerySet(ScopedQuerySet["Dossier"]):
    place_path_field = "commune__path"


class Dossier(AuditedModel):
    class State(models.TextChoices):
        DRAFT = "draft", _("Đang lập hồ sơ")
        SUBMITTED = "submitted", _("Đã gửi đề nghị")
        CHECKED = "checked", _("Đã kiểm tra")
        RECOGNISED = "recognised", _("Đã công nhận")
        RETURNED = "returned", _("Trả lại để bổ sung")

    commune = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="+", verbose_name=_("xã")
    )
    school_year = models.PositiveSmallIntegerField(_("năm học"))
    #: The standards the commune asks to be recognised for (``StandardCode`` values).
    codes = models.JSONField(_("các chuẩn đề nghị công nhận"), default=list)
    state = models.CharField(
        _("trạng thái"), max_length=12, choices=State.choices, default=State.DRAFT
    )
    version = models.PositiveIntegerField(default=0)
    #: The commune's figures and results when submitted (what the province checks).
    snapshot = models.JSONField(default=dict, blank=True)
    message = models.TextField(_("ý kiến"), blank=True, default="")
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True, default="")
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    recognised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recognised_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = _("hồ sơ công nhận phổ cập, xóa mù chữ")
        verbose_name_plural = _("hồ sơ công nhận phổ cập, xóa mù chữ")
        constraints = [
            models.UniqueConstraint(fields=["commune", "school_year"], name="dossier_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.commune_id} {self.school_year}: {self.state}"

    def audit_place(self) -> Place:
        return self.commune
