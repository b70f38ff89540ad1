"""Evidence (minh chứng) for one item of an assessment: a photo or a PDF, checked by content.

Files go through Django's default storage (on disk, or S3-compatible object storage in
production) under random names; they are only ever served by a view that checks access.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xhht.core.audited import AuditedModel
from xhht.places.models import Place


def evidence_path(instance: Evidence, filename: str) -> str:
    extension = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}.get(
        instance.content_type, "bin"
    )
    return f"evidence/{instance.assessment.year}/{uuid.uuid4().hex}.{extension}"


class Evidence(AuditedModel):
    assessment = models.ForeignKey(
        "recognition.Assessment", on_delete=models.CASCADE, related_name="evidence"
    )
    item_code = models.CharField(_("chỉ báo"), max_length=40)
    file = models.FileField(_("tệp"), upload_to=evidence_path, max_length=200)
    original_name = models.CharField(_("tên tệp gốc"), max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["item_code", "uploaded_at"]

    def __str__(self) -> str:
        return f"{self.item_code}: {self.original_name}"

    def audit_place(self) -> Place:
        return self.assessment.place
