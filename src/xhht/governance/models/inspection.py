"""Inspection and supervision (kiểm tra, giám sát) of how communes and bodies carry out a plan.

A place's steering committee (or the place's officers) plans an inspection of communes, hamlets
or bodies below it, on some of a plan's tasks; records its visits (members, findings, evidence);
and leaves recommendations (kiến nghị) to an inspected commune or body with a deadline. The
inspected side answers with what it did (follow-ups, evidence): open → answered; the inspector
closes it or opens it again. A recommendation still open after its deadline is overdue.
"""

from __future__ import annotations

import datetime
import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xhht.accounts.access import (
    EVERYWHERE,
    ROLE_CAPABILITIES,
    Capability,
    acting_scope,
    scope_filter,
    under_paths,
)
from xhht.accounts.models import Body
from xhht.core.audited import AuditedModel
from xhht.core.files import ALLOWED
from xhht.places.models import Place

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from xhht.accounts.models import User


def evidence_path(instance: models.Model, filename: str) -> str:
    extension = ALLOWED.get(getattr(instance, "evidence_type", ""), "bin")
    return f"governance/evidence/{timezone.now().year}/{uuid.uuid4().hex}.{extension}"


class InspectionQuerySet(models.QuerySet["InspectionPlan"]):
    def visible_to(
        self, user: User | AnonymousUser, capability: str = "view"
    ) -> InspectionQuerySet:
        """Inspections planned at the places in the user's scope, and those of which a place
        or a body the user acts for is inspected."""
        prefixes, bodies = acting_scope(user, capability)
        if EVERYWHERE in prefixes:
            return self.all()
        query = (
            scope_filter(user, capability, "place__path")
            | under_paths(prefixes, "inspected_places__path")
            | Q(inspected_bodies__in=bodies)
        )
        return self.filter(query).distinct()


class InspectionPlan(AuditedModel):
    """Who inspects (a place, through its steering committee or another body), whom, when, on
    which tasks of a plan."""

    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="inspections", verbose_name=_("cấp kiểm tra")
    )
    inspector_body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections_led",
        verbose_name=_("cơ quan kiểm tra (Ban Chỉ đạo)"),
    )
    title = models.CharField(_("nội dung kiểm tra"), max_length=300)
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inspections",
        verbose_name=_("kế hoạch"),
    )
    tasks = models.ManyToManyField(
        "reporting.Task", blank=True, related_name="inspections", verbose_name=_("nhiệm vụ")
    )
    inspected_places = models.ManyToManyField(
        Place, blank=True, related_name="inspected_by", verbose_name=_("xã, thôn được kiểm tra")
    )
    inspected_bodies = models.ManyToManyField(
        Body, blank=True, related_name="inspected_by", verbose_name=_("cơ quan được kiểm tra")
    )
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("kế hoạch kiểm tra")
        verbose_name_plural = _("kế hoạch kiểm tra")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="inspection_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def audit_place(self) -> Place:
        return self.place


class Visit(AuditedModel):
    """One visit of an inspection: when, who went, what they found."""

    inspection = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="visits")
    date = models.DateField(_("ngày kiểm tra"))
    inspected_place = models.ForeignKey(
        Place, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    inspected_body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    members = models.TextField(_("thành phần đoàn kiểm tra"))
    findings = models.TextField(_("kết quả kiểm tra"))
    evidence = models.FileField(
        _("minh chứng"), upload_to=evidence_path, max_length=200, blank=True
    )
    evidence_name = models.CharField(max_length=200, blank=True)
    evidence_type = models.CharField(max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đợt kiểm tra")
        verbose_name_plural = _("đợt kiểm tra")
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.inspection} · {self.date:%d/%m/%Y}"

    def audit_place(self) -> Place:
        return self.inspection.place

    def inspected_name(self) -> str:
        return str(self.inspected_body or self.inspected_place or "")


class RecommendationQuerySet(models.QuerySet["Recommendation"]):
    def visible_to(
        self, user: User | AnonymousUser, capability: str = "view"
    ) -> RecommendationQuerySet:
        """Recommendations of the inspections the user sees, and those addressed to a place in
        their scope or to a body they act for."""
        prefixes, bodies = acting_scope(user, capability)
        if EVERYWHERE in prefixes:
            return self.all()
        query = (
            scope_filter(user, capability, "inspection__place__path")
            | scope_filter(user, capability, "place__path")
            | Q(body__in=bodies)
        )
        return self.filter(query)

    def answerable_by(self, user: User | AnonymousUser) -> RecommendationQuerySet:
        """Those the user answers for the inspected side: addressed to a place under one of
        their place roles with REPORT, or to a body they report for."""
        prefixes, bodies = acting_scope(user, Capability.REPORT)
        if EVERYWHERE in prefixes:
            return self.all()
        return self.filter(under_paths(prefixes, "place__path") | Q(body__in=bodies))

    def owed_by(self, user: User | AnonymousUser) -> RecommendationQuerySet:
        """Those the user's own place or body owes (their home page): a role held at the
        addressed commune itself, or at the addressed body; not every commune below."""
        return self.filter(owed_filter(user))

    def closable_by(self, user: User | AnonymousUser) -> RecommendationQuerySet:
        """Those of inspections planned under the user's INSPECT scope."""
        return self.filter(scope_filter(user, Capability.INSPECT, "inspection__place__path"))

    def overdue(self, day: datetime.date) -> RecommendationQuerySet:
        return self.filter(state=Recommendation.State.OPEN, deadline__lt=day)


def owed_filter(user: User | AnonymousUser) -> Q:
    """Recommendations to a place where the user holds REPORT through a role held at that very
    place, or to a body where they hold it: one read of the user's roles."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    places, bodies = set(), set()
    for a in user.role_assignments.all():
        if Capability.REPORT not in ROLE_CAPABILITIES.get(a.role, frozenset()):
            continue
        if a.body_id is not None:
            bodies.add(a.body_id)
        elif a.place_id is not None:
            places.add(a.place_id)
    return Q(place_id__in=places) | Q(body_id__in=bodies)


def own_places(user: User | AnonymousUser, capability: str) -> set[int]:
    """The places where the user holds ``capability`` through a role held at that very place."""
    if not user.is_authenticated:
        return set()
    return {
        a.place_id
        for a in user.role_assignments.all()
        if a.place_id is not None and capability in ROLE_CAPABILITIES.get(a.role, frozenset())
    }


class Recommendation(AuditedModel):
    """A recommendation (kiến nghị) to an inspected commune or body, with its deadline."""

    class State(models.TextChoices):
        OPEN = "open", _("Chưa thực hiện xong")
        ANSWERED = "answered", _("Đã báo cáo kết quả, chờ kết luận")
        CLOSED = "closed", _("Đã hoàn thành")

    inspection = models.ForeignKey(
        InspectionPlan, on_delete=models.CASCADE, related_name="recommendations"
    )
    visit = models.ForeignKey(
        Visit, on_delete=models.SET_NULL, null=True, blank=True, related_name="recommendations"
    )
    place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("xã, thôn được kiến nghị"),
    )
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("cơ quan được kiến nghị"),
    )
    text = models.TextField(_("nội dung kiến nghị"))
    deadline = models.DateField(_("thời hạn thực hiện"))
    state = models.CharField(
        _("tình trạng"), max_length=10, choices=State.choices, default=State.OPEN
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("kiến nghị")
        verbose_name_plural = _("kiến nghị")
        ordering = ["deadline", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(place__isnull=False, body__isnull=True)
                | Q(place__isnull=True, body__isnull=False),
                name="recommendation_to_a_place_or_a_body",
            )
        ]
        indexes = [models.Index(fields=["state", "deadline"])]

    def __str__(self) -> str:
        return self.text[:120]

    def audit_place(self) -> Place:
        return self.inspection.place

    def addressee_name(self) -> str:
        return str(self.body or self.place or "")

    def is_overdue(self, day: datetime.date) -> bool:
        return self.state == self.State.OPEN and self.deadline < day


class FollowUp(AuditedModel):
    """A note on a recommendation: the inspected side's report of what it did (with evidence),
    possibly closing it as carried out, or the inspector's conclusion (closing it, or opening
    it again)."""

    class Kind(models.TextChoices):
        ANSWER = "answer", _("Báo cáo kết quả thực hiện")
        DONE = "done", _("Đã thực hiện xong — đóng kiến nghị")
        CLOSE = "close", _("Kết luận: đã hoàn thành")
        REOPEN = "reopen", _("Yêu cầu tiếp tục thực hiện")

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="follow_ups"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    note = models.TextField(_("nội dung"))
    evidence = models.FileField(
        _("minh chứng"), upload_to=evidence_path, max_length=200, blank=True
    )
    evidence_name = models.CharField(max_length=200, blank=True)
    evidence_type = models.CharField(max_length=60, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("theo dõi kiến nghị")
        verbose_name_plural = _("theo dõi kiến nghị")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.recommendation}"

    def audit_place(self) -> Place:
        return self.recommendation.inspection.place
