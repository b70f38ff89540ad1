"""Recognition decisions (quyết định công nhận) and the certificates issued under them."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xhht.accounts.scoped import ScopedQuerySet
from xhht.core.audited import AuditedModel
from xhht.criteria.models import RECOGNITION_TITLE_CHOICES
from xhht.places.models import Place
from xhht.recognition import signing
from xhht.recognition.models.assessment import State


class DecisionQuerySet(ScopedQuerySet["Decision"]):
    pass


class Decision(AuditedModel):
    """One decision recognising many subjects of one title at once (format of NĐ 30/2020)."""

    title = models.CharField(_("danh hiệu"), max_length=20, choices=RECOGNITION_TITLE_CHOICES)
    year = models.PositiveSmallIntegerField(_("năm"))
    place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        related_name="recognition_decisions",
        verbose_name=_("cấp ban hành"),
    )
    number = models.CharField(_("số, ký hiệu"), max_length=60)
    date = models.DateField(_("ngày ký"))
    parent_body = models.CharField(_("cơ quan chủ quản"), max_length=200, blank=True)
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=200)
    place_name = models.CharField(_("địa danh"), max_length=100)
    signer_name = models.CharField(_("người ký"), max_length=150)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=100)
    valid_until = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("quyết định công nhận")
        verbose_name_plural = _("quyết định công nhận")
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["place", "number"], name="decision_number_unique")
        ]

    def __str__(self) -> str:
        return f"QĐ {self.number} ({self.date:%d/%m/%Y})"

    def audit_place(self) -> Place:
        return self.place


def _new_code() -> str:
    return secrets.token_urlsafe(12)


class CertificateQuerySet(ScopedQuerySet["Certificate"]):
    place_path_field = "assessment__place__path"


class Certificate(AuditedModel):
    """The signed statement of one recognition; its QR code leads to the public verification page."""

    assessment = models.OneToOneField(
        "recognition.Assessment", on_delete=models.PROTECT, related_name="certificate"
    )
    code = models.CharField(max_length=32, unique=True, default=_new_code)
    #: The signed data, exactly as signed (canonical JSON of this dict).
    payload = models.JSONField()
    signature = models.CharField(max_length=128)  # Ed25519, hex
    key_id = models.CharField(max_length=16)
    issued_at = models.DateTimeField(auto_now_add=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("giấy công nhận")
        verbose_name_plural = _("giấy công nhận")

    def __str__(self) -> str:
        return f"{self.payload.get('title_name', '')} · {self.payload.get('holder', '')}"

    def audit_place(self) -> Place:
        return self.assessment.place

    def status(self, today: datetime.date | None = None) -> str:
        """invalid, revoked, expired or valid: what the verification page says. A stored
        payload or signature that no longer matches (altered in the database) is ``invalid``,
        whatever the assessment's state."""
        if not signing.verify(self.payload, self.signature):
            return "invalid"
        if self.assessment.state != State.RECOGNISED:
            return "revoked"
        valid_until = self.payload.get("valid_until")
        today = today or datetime.date.today()
        if valid_until and datetime.date.fromisoformat(valid_until) < today:
            return "expired"
        return "valid"
