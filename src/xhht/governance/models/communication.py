"""Communication work (công tác truyền thông): articles, broadcasts, events and trainings about
building a learning society, with the audience reached; counted for the plans' communication
targets (``governance.counters``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xhht.accounts.models import Body
from xhht.accounts.scoped import ScopedQuerySet
from xhht.core.audited import AuditedModel
from xhht.places.models import Place


class CommunicationQuerySet(ScopedQuerySet["CommunicationActivity"]):
    pass


class CommunicationActivity(AuditedModel):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("Bài viết, tin bài")
        BROADCAST = "broadcast", _("Phát thanh, truyền hình")
        EVENT = "event", _("Sự kiện, mít tinh, hội thi")
        TRAINING = "training", _("Tập huấn, hội nghị")

    kind = models.CharField(_("hình thức"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("tên hoạt động"), max_length=300)
    date = models.DateField(_("ngày"))
    #: Where it happened (a body's activity: the body's place), for the counts.
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="communication_activities"
    )
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="communication_activities",
        verbose_name=_("cơ quan thực hiện"),
    )
    audience = models.PositiveIntegerField(_("số người được tiếp cận"), default=0)
    link = models.URLField(_("đường dẫn, minh chứng"), max_length=500, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CommunicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("hoạt động truyền thông")
        verbose_name_plural = _("hoạt động truyền thông")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return self.title

    def audit_place(self) -> Place:
        return self.place
