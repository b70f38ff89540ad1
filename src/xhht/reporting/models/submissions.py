"""Reports filed for a period: the answers, the figures, and the reminders about them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xhht.accounts.models import Body
from xhht.core.audited import AuditedModel
from xhht.core.text import vi_number
from xhht.places.models import Place
from xhht.reporting.models.regime import ReportingPeriod, ReportSection, TableRow
from xhht.reporting.scope import body_or_place, own_or_place, place_only

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from xhht.accounts.models import User


class SubmissionQuerySet(models.QuerySet["Submission"]):
    def visible_to(
        self, user: User | AnonymousUser, capability: str = "view"
    ) -> SubmissionQuerySet:
        """Reports of the user's places and of the bodies they act for, and those sent to them."""
        return self.filter(self._filed_q(user, capability) | self._received_q(user))

    def filed_by(self, user: User | AnonymousUser) -> SubmissionQuerySet:
        """Reports the user may fill and send: their body's (through a role at the body), or
        those of the places under their place roles; never a body's report through a place."""
        query = own_or_place(user, "report", path_field="place__path", body_field="reporter_body")
        return self.filter(query)

    def receivable_by(self, user: User | AnonymousUser) -> SubmissionQuerySet:
        """Reports the user may accept or return: sent to a place where they receive reports."""
        return self.filter(self._received_q(user))

    @staticmethod
    def _filed_q(user: User | AnonymousUser, capability: str) -> Q:
        return body_or_place(
            user, capability, path_field="place__path", body_filters=["reporter_body"]
        )

    @staticmethod
    def _received_q(user: User | AnonymousUser) -> Q:
        return place_only(user, "receive_reports", "period__report_type__place__path")


class Submission(AuditedModel):
    class State(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        SUBMITTED = "submitted", _("Đã gửi, chờ tiếp nhận")
        RETURNED = "returned", _("Bị trả lại")
        ACCEPTED = "accepted", _("Đã tiếp nhận")

    #: States in which the reporter may still change the report.
    EDITABLE = frozenset({State.DRAFT, State.RETURNED})

    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="submissions"
    )
    reporter_body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="submissions"
    )
    reporter_place = models.ForeignKey(
        Place, on_delete=models.PROTECT, null=True, blank=True, related_name="filed_submissions"
    )
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="submissions")
    state = models.CharField(
        _("tình trạng"), max_length=12, choices=State.choices, default=State.DRAFT
    )
    first_submitted_at = models.DateTimeField(_("gửi lần đầu"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    decided_at = models.DateTimeField(_("xử lý lúc"), null=True, blank=True)
    comment = models.TextField(_("ý kiến của nơi nhận"), blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        ordering = ["period", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reporter_body__isnull=True, reporter_place__isnull=False)
                | Q(reporter_body__isnull=False, reporter_place__isnull=True),
                name="submission_one_reporter",
            ),
            models.UniqueConstraint(
                fields=["period", "reporter_body"],
                condition=Q(reporter_body__isnull=False),
                name="submission_unique_body",
            ),
            models.UniqueConstraint(
                fields=["period", "reporter_place"],
                condition=Q(reporter_place__isnull=False),
                name="submission_unique_place",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reporter_name()} · {self.period.label}"

    def audit_place(self) -> Place:
        return self.place

    def reporter_name(self) -> str:
        reporter = self.reporter_body or self.reporter_place
        return str(reporter)

    @property
    def is_editable(self) -> bool:
        return self.state in self.EDITABLE

    @property
    def is_complete(self) -> bool:
        """Counted as submitted for completeness (DHIS2's "complete registration")."""
        return self.state in {self.State.SUBMITTED, self.State.ACCEPTED}

    @property
    def is_on_time(self) -> bool:
        """First sent by the end of the due day; a later correction after a return keeps it."""
        return (
            self.is_complete
            and self.first_submitted_at is not None
            and timezone.localdate(self.first_submitted_at) <= self.period.due
        )


class Answer(AuditedModel):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="answers")
    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("nội dung"), blank=True)

    class Meta:
        verbose_name = _("nội dung báo cáo")
        verbose_name_plural = _("nội dung báo cáo")
        constraints = [
            models.UniqueConstraint(fields=["submission", "section"], name="answer_unique")
        ]

    def __str__(self) -> str:
        return f"{self.section} · {self.submission}"

    def audit_place(self) -> Place:
        return self.submission.place


class Figure(AuditedModel):
    """One figure of a table: what the reporter gives, what the system held, and why they differ."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="figures")
    row = models.ForeignKey(TableRow, on_delete=models.CASCADE, related_name="figures")
    value = models.DecimalField(_("số liệu"), max_digits=16, decimal_places=2, null=True)
    system_value = models.DecimalField(
        _("số liệu hệ thống"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    reason = models.TextField(_("lý do điều chỉnh"), blank=True)

    class Meta:
        verbose_name = _("số liệu báo cáo")
        verbose_name_plural = _("số liệu báo cáo")
        constraints = [models.UniqueConstraint(fields=["submission", "row"], name="figure_unique")]

    def __str__(self) -> str:
        return f"{self.row}: {vi_number(self.value) if self.value is not None else '—'}"

    def audit_place(self) -> Place:
        return self.submission.place


class Reminder(models.Model):
    """A reminder about a report, shown in the app and e-mailed once (never twice)."""

    class Kind(models.TextChoices):
        BEFORE_DUE = "before_due", _("Sắp đến hạn")
        OVERDUE = "overdue", _("Quá hạn")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_reminders"
    )
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    message = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    emailed = models.BooleanField(default=False)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("nhắc việc")
        verbose_name_plural = _("nhắc việc")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "submission", "kind"], name="reminder_once_per_kind"
            )
        ]

    def __str__(self) -> str:
        return self.message
