"""Budgets of plans and tasks: planned and spent amounts by source, in whole đồng.

One line per plan (or per task of the plan), source and year, entered by the body responsible:
the task's lead body (its officers), or the officers of the plan's or task's place
(``MANAGE_PLANS``). ``place`` is the task's place (the plan's for a line of the plan itself):
the roll-up per place reads it with one GROUP BY.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xhht.accounts.scoped import ScopedQuerySet
from xhht.core.audited import AuditedModel
from xhht.places.models import Place


class Source(models.TextChoices):
    STATE_BUDGET = "state_budget", _("Ngân sách nhà nước")
    SOCIALISATION = "socialisation", _("Xã hội hóa")
    SPONSORSHIP = "sponsorship", _("Tài trợ")
    OTHER = "other", _("Nguồn khác")


class BudgetLineQuerySet(ScopedQuerySet["BudgetLine"]):
    pass


class BudgetLine(AuditedModel):
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.CASCADE,
        related_name="budget_lines",
        verbose_name=_("kế hoạch"),
    )
    task = models.ForeignKey(
        "reporting.Task",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("nhiệm vụ"),
    )
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="budget_lines")
    year = models.PositiveSmallIntegerField(_("năm"))
    source = models.CharField(_("nguồn kinh phí"), max_length=20, choices=Source.choices)
    planned = models.PositiveBigIntegerField(_("dự toán (đồng)"), default=0)
    spent = models.PositiveBigIntegerField(_("đã chi (đồng)"), default=0)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = BudgetLineQuerySet.as_manager()

    class Meta:
        verbose_name = _("kinh phí")
        verbose_name_plural = _("kinh phí")
        ordering = ["year", "task_id", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "task", "year", "source"], name="budget_line_unique"
            ),
            models.UniqueConstraint(
                fields=["plan", "year", "source"],
                condition=Q(task__isnull=True),
                name="budget_plan_line_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} · {self.get_source_display()} · {self.year}"

    def audit_place(self) -> Place:
        return self.place
