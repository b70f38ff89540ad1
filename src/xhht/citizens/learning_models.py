"""The citizen's own learning, beside the learning record of ``centres``.

``centres.LearningEntry`` keeps every line of a person's record (classes, and what the citizen
declares). What the citizen's page adds to a self-declared line lives here, above both centres
and resources: the catalogue resource studied (``resources.Resource``) and a photo of the
certificate (checked by content like an assessment's evidence: ``core.files``).

``DigitalSkills`` is the citizen's own yes/no declaration of a year (the Hà Nội plan's "thành thạo
kỹ năng số để tự cập nhật thông tin … trên môi trường số hóa"): using the platform to keep their
own record, learning online, online public services.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from xhht.accounts.scoped import ScopedQuerySet
from xhht.centres.models import LearningEntry
from xhht.core.audited import AuditedModel
from xhht.core.files import ALLOWED
from xhht.places.models import Place
from xhht.registry.models import Person


def certificate_path(instance: StudiedLine, filename: str) -> str:
    extension = ALLOWED.get(instance.certificate_type, "bin")
    return f"learning/{uuid.uuid4().hex}.{extension}"


class StudiedLineQuerySet(ScopedQuerySet["StudiedLine"]):
    place_path_field = "entry__person__place__path"


class StudiedLine(AuditedModel):
    """A self-declared learning line's resource and certificate photo (both optional)."""

    entry = models.OneToOneField(
        LearningEntry,
        on_delete=models.CASCADE,
        related_name="studied",
        verbose_name=_("dòng sổ theo dõi học tập"),
    )
    resource = models.ForeignKey(
        "resources.Resource",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("học liệu đã học"),
    )
    certificate = models.FileField(
        _("ảnh giấy chứng nhận"), upload_to=certificate_path, max_length=200, blank=True
    )
    certificate_name = models.CharField(_("tên tệp gốc"), max_length=200, blank=True)
    certificate_type = models.CharField(max_length=60, blank=True)
    certificate_size = models.PositiveIntegerField(default=0)
    certificate_sha256 = models.CharField(max_length=64, blank=True)

    objects = StudiedLineQuerySet.as_manager()

    class Meta:
        verbose_name = _("học liệu, chứng nhận của dòng tự khai")
        verbose_name_plural = _("học liệu, chứng nhận của dòng tự khai")

    def __str__(self) -> str:
        return str(self.entry)

    def audit_place(self) -> Place:
        return self.entry.person.place


class DigitalSkillsQuerySet(ScopedQuerySet["DigitalSkills"]):
    place_path_field = "person__place__path"


class DigitalSkills(AuditedModel):
    """What the citizen says they can do on their own in a year (one row per person and year)."""

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="digital_skills",
        verbose_name=_("công dân"),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    self_update = models.BooleanField(
        _("Tự cập nhật thông tin, học tập của mình trên nền tảng"), default=False
    )
    online_learning = models.BooleanField(_("Học trực tuyến"), default=False)
    online_services = models.BooleanField(_("Dùng dịch vụ công trực tuyến"), default=False)
    declared_at = models.DateTimeField(_("ngày tự khai"), auto_now=True)

    objects = DigitalSkillsQuerySet.as_manager()

    class Meta:
        verbose_name = _("kỹ năng số tự khai")
        verbose_name_plural = _("kỹ năng số tự khai")
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="digital_skills_person_year")
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.year}"

    def audit_place(self) -> Place:
        return self.person.place

    @property
    def any(self) -> bool:
        return self.self_update or self.online_learning or self.online_services
