"""Tasks of a plan: what is to be done, by which body (lead and supporting), by when."""

from __future__ import annotations

import datetime
import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xhht.accounts.models import Body
from xhht.core.audited import AuditedModel
from xhht.core.files import ALLOWED
from xhht.places.models import Place
from xhht.reporting.periods import quarter_end, quarter_label, safe_date, short_date
from xhht.reporting.scope import body_only, body_or_place

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from xhht.accounts.models import User


class TaskQuerySet(models.QuerySet["Task"]):
    def visible_to(self, user: User | AnonymousUser, capability: str = "view") -> TaskQuerySet:
        """Tasks of the user's places, and tasks their body leads or supports."""
        query = body_or_place(
            user,
            capability,
            path_field="place__path",
            body_filters=["lead_body", "supporting_bodies"],
        )
        return self.filter(query).distinct()

    def updatable_by(self, user: User | AnonymousUser) -> TaskQuerySet:
        """Tasks whose progress the user records: those their body leads or supports. A role at
        the task's place only gives a view of it."""
        query = body_only(user, "report", body_filters=["lead_body", "supporting_bodies"])
        return self.filter(query).distinct()


class Task(AuditedModel):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Chưa thực hiện")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        DONE = "done", _("Hoàn thành")

    class Deadline(models.TextChoices):
        NONE = "none", _("Không có thời hạn")
        DATE = "date", _("Đến ngày")
        QUARTER = "quarter", _("Trong quý")
        YEARLY = "yearly", _("Hằng năm, trước ngày")

    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("địa bàn")
    )
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("kế hoạch"),
    )
    targets = models.ManyToManyField(
        "plans.Target", blank=True, related_name="tasks", verbose_name=_("chỉ tiêu phục vụ")
    )
    group = models.CharField(_("nhóm nhiệm vụ"), max_length=300, blank=True)
    text = models.TextField(_("nội dung nhiệm vụ"))
    lead_body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="led_tasks", verbose_name=_("cơ quan chủ trì")
    )
    supporting_bodies = models.ManyToManyField(
        Body, blank=True, related_name="supported_tasks", verbose_name=_("cơ quan phối hợp")
    )
    deadline_kind = models.CharField(
        _("thời hạn"), max_length=10, choices=Deadline.choices, default=Deadline.NONE
    )
    deadline_date = models.DateField(_("ngày"), null=True, blank=True)
    deadline_quarter = models.PositiveSmallIntegerField(_("quý"), null=True, blank=True)
    deadline_year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    yearly_day = models.PositiveSmallIntegerField(_("ngày trong năm"), null=True, blank=True)
    yearly_month = models.PositiveSmallIntegerField(_("tháng"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["group", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(deadline_kind="date") | Q(deadline_date__isnull=False),
                name="task_date_deadline_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(deadline_kind="quarter")
                | Q(deadline_quarter__gte=1, deadline_quarter__lte=4, deadline_year__isnull=False),
                name="task_quarter_deadline_complete",
            ),
            models.CheckConstraint(
                condition=~Q(deadline_kind="yearly")
                | Q(
                    yearly_month__gte=1, yearly_month__lte=12, yearly_day__gte=1, yearly_day__lte=31
                ),
                name="task_yearly_deadline_complete",
            ),
        ]

    def __str__(self) -> str:
        # At most 120 characters, cut between words (a cut word reads as another word).
        if len(self.text) <= 120:
            return self.text
        return self.text[:120].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"

    def audit_place(self) -> Place:
        return self.place

    def due_on(self, today: datetime.date) -> datetime.date | None:
        """The deadline that applies on ``today`` (this year's, for a yearly task)."""
        if self.deadline_kind == self.Deadline.DATE:
            return self.deadline_date
        if (
            self.deadline_kind == self.Deadline.QUARTER
            and self.deadline_year
            and self.deadline_quarter
        ):
            return quarter_end(self.deadline_year, self.deadline_quarter)
        if self.deadline_kind == self.Deadline.YEARLY and self.yearly_month and self.yearly_day:
            return safe_date(today.year, self.yearly_month, self.yearly_day)
        return None

    def is_done(self, today: datetime.date) -> bool:
        """Done; a yearly task only counts as done for the year it was completed in."""
        if self.status != self.Status.DONE:
            return False
        if self.deadline_kind == self.Deadline.YEARLY:
            return self.completed_on is not None and self.completed_on.year == today.year
        return True

    def is_overdue(self, today: datetime.date) -> bool:
        due = self.due_on(today)
        return due is not None and today > due and not self.is_done(today)

    def deadline_label(self) -> str:
        if self.deadline_kind == self.Deadline.DATE and self.deadline_date:
            return f"trước ngày {short_date(self.deadline_date)}"
        if (
            self.deadline_kind == self.Deadline.QUARTER
            and self.deadline_year
            and self.deadline_quarter
        ):
            return quarter_label(self.deadline_year, self.deadline_quarter)
        if self.deadline_kind == self.Deadline.YEARLY:
            return f"hằng năm, trước ngày {self.yearly_day:02d}/{self.yearly_month:02d}"
        return str(_("không có thời hạn"))


def task_evidence_path(instance: TaskUpdate, filename: str) -> str:
    extension = ALLOWED.get(instance.evidence_type, "bin")
    return f"reporting/evidence/{timezone.now().year}/{uuid.uuid4().hex}.{extension}"


class TaskUpdate(AuditedModel):
    """A progress note on a task, with the status it leaves the task in and optional evidence."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("tình trạng"), max_length=20, choices=Task.Status.choices)
    note = models.TextField(_("tiến độ, kết quả"))
    #: A photo or a PDF checked by content (``core.files``), stored under a random name and
    #: served only by ``reporting:task_evidence`` to whoever may see the task.
    evidence = models.FileField(
        _("minh chứng"), upload_to=task_evidence_path, max_length=200, blank=True
    )
    evidence_name = models.CharField(_("tên tệp gốc"), max_length=200, blank=True)
    evidence_type = models.CharField(max_length=60, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cập nhật tiến độ")
        verbose_name_plural = _("cập nhật tiến độ")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.task} · {self.get_status_display()}"

    def audit_place(self) -> Place:
        return self.task.place
