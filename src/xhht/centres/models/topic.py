"""The catalogue of what classes teach: a national list (data migration ``0002``) a province may
extend with its own topics."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xhht.core.audited import AuditedModel
from xhht.places.models import Place


class TopicQuerySet(models.QuerySet["Topic"]):
    def usable_at(self, place: Place) -> TopicQuerySet:
        """The national topics and those of ``place``'s province, active ones only."""
        return self.filter(Q(province__isnull=True) | Q(province_id=place.root_id), active=True)


class Topic(AuditedModel):
    #: Codes of the national list (the indicators count classes by them).
    LITERACY = "literacy"
    POST_LITERACY = "post_literacy"
    LAW = "law"
    HEALTH = "health"
    AGRICULTURE = "agriculture"
    DIGITAL_SKILLS = "digital_skills"
    LIFE_SKILLS = "life_skills"
    FOREIGN_LANGUAGES = "foreign_languages"
    CULTURE = "culture"
    VOCATIONAL = "vocational"
    INFO_LITERACY = "info_literacy"

    code = models.SlugField(_("mã chủ đề"), max_length=40)
    name = models.CharField(_("tên chủ đề"), max_length=200)
    #: The national programme the topic carries out, as its document names it.
    programme = models.CharField(_("chương trình, đề án"), max_length=300, blank=True)
    province = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="topics",
        verbose_name=_("tỉnh (để trống: danh mục toàn quốc)"),
    )
    active = models.BooleanField(_("đang dùng"), default=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("chủ đề lớp học")
        verbose_name_plural = _("chủ đề lớp học")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(province__isnull=True),
                name="topic_national_code_unique",
            ),
            models.UniqueConstraint(fields=["province", "code"], name="topic_province_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def audit_place(self) -> Place | None:
        return self.province
