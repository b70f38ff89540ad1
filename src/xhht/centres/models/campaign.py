"""Campaigns and events: the lifelong-learning week (October), the book and reading day
(21 April) and a province's own, opened at a place; what each commune or body did."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xhht.accounts.access import EVERYWHERE, Capability, scope_paths, under_paths
from xhht.accounts.models import Body, User
from xhht.centres.models.classes import LearningClass
from xhht.core.audited import AuditedModel
from xhht.places.models import Place


class CampaignQuerySet(models.QuerySet["Campaign"]):
    def visible_to(self, user: User, capability: str = Capability.VIEW) -> CampaignQuerySet:
        """Campaigns opened inside the user's scope; to view or report, also those opened above
        it (a commune sees its province's week and reports into it). Managing a campaign (its
        dates, its name) stays with the level that opened it."""
        prefixes = scope_paths(user, capability)
        if EVERYWHERE in prefixes:
            return self
        if capability not in (Capability.VIEW, Capability.REPORT):
            return self.filter(under_paths(prefixes, "place__path"))
        above = {pk for prefix in prefixes for pk in Place.ids_in_path(prefix)}
        return self.filter(under_paths(prefixes, "place__path") | Q(place_id__in=above))


class Campaign(AuditedModel):
    class Kind(models.TextChoices):
        LIFELONG_LEARNING_WEEK = "lifelong_learning_week", _("Tuần lễ hưởng ứng học tập suốt đời")
        BOOK_DAY = "book_day", _("Ngày sách và Văn hóa đọc Việt Nam")
        OTHER = "other", _("Khác")

    kind = models.CharField(_("loại"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("tên đợt"), max_length=250)
    year = models.PositiveSmallIntegerField(_("năm"))
    #: The level that opens the campaign; places below it report what they did.
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("cấp phát động")
    )
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("đợt hưởng ứng")
        verbose_name_plural = _("đợt hưởng ứng")
        ordering = ["-year", "-start_date"]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    def audit_place(self) -> Place:
        return self.place


class CampaignActivityQuerySet(models.QuerySet["CampaignActivity"]):
    def visible_to(self, user: User, capability: str = Capability.VIEW) -> CampaignActivityQuerySet:
        """Reports of the places and the bodies in the user's scope (a body's officer: see
        ``accounts.access.acting_scope`` to act only for their own body)."""
        prefixes = scope_paths(user, capability)
        return self.filter(
            under_paths(prefixes, "place__path") | under_paths(prefixes, "body__place__path")
        )


class CampaignActivity(AuditedModel):
    """What one commune (``place``) or one body did in a campaign."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        SUBMITTED = "submitted", _("Đã gửi")
        ACCEPTED = "accepted", _("Đã tiếp nhận")
        RETURNED = "returned", _("Trả lại để bổ sung")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="activities", verbose_name=_("đợt")
    )
    place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="campaign_activities",
        verbose_name=_("địa bàn báo cáo"),
    )
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="campaign_activities",
        verbose_name=_("cơ quan báo cáo"),
    )
    description = models.TextField(_("các hoạt động đã tổ chức"), blank=True)
    participants = models.PositiveIntegerField(_("số người tham gia"), default=0)
    classes = models.ManyToManyField(
        LearningClass, blank=True, related_name="campaign_activities", verbose_name=_("lớp học")
    )
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.DRAFT
    )
    submitted_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CampaignActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("kết quả hưởng ứng")
        verbose_name_plural = _("kết quả hưởng ứng")
        constraints = [
            models.CheckConstraint(
                condition=Q(place__isnull=False, body__isnull=True)
                | Q(place__isnull=True, body__isnull=False),
                name="campaign_activity_place_or_body",
            ),
            models.UniqueConstraint(
                fields=["campaign", "place"],
                condition=Q(place__isnull=False),
                name="campaign_activity_one_per_place",
            ),
            models.UniqueConstraint(
                fields=["campaign", "body"],
                condition=Q(body__isnull=False),
                name="campaign_activity_one_per_body",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.place or self.body}"

    def audit_place(self) -> Place:
        if self.body_id is not None:
            return self.body.place  # type: ignore[union-attr]  # body_id is checked
        return self.place  # type: ignore[return-value]  # the constraint: a place when no body
