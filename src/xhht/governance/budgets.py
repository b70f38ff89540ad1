"""Budgets: entering a plan's or a task's planned and spent amounts by source, and reading them
back (per task of a plan, and rolled up per place: one GROUP BY each)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from xhht.accounts.models import User
from xhht.audit.actions import record_step
from xhht.audit.context import acting_as
from xhht.core.workflow import StepRefused
from xhht.governance import access
from xhht.governance.models import BudgetLine, Source
from xhht.places.models import Place
from xhht.plans.models import Plan
from xhht.reporting.models import Task

#: The largest amount one line takes (a thousand billion đồng): a typo guard, not a rule.
MAX_AMOUNT = 10**15


def set_budget(
    *,
    actor: User,
    plan: Plan,
    year: int,
    source: str,
    planned: int,
    spent: int,
    task: Task | None = None,
    note: str = "",
) -> BudgetLine:
    """Enter (or correct) the planned and spent amounts of ``plan`` (or one of its tasks) from
    ``source`` in ``year``, in whole đồng."""
    if task is None:
        if not access.may_budget_plan(actor, plan):
            raise PermissionDenied
    elif task.plan_id != plan.pk or task not in access.budget_tasks(actor, plan):
        raise PermissionDenied
    problems = []
    if source not in Source.values:
        problems.append(_("Nguồn kinh phí không hợp lệ."))
    if not plan.period_start <= year <= plan.period_end:
        problems.append(
            _("Năm phải trong thời kỳ của kế hoạch (%(start)s–%(end)s).")
            % {"start": plan.period_start, "end": plan.period_end}
        )
    if not (0 <= planned <= MAX_AMOUNT and 0 <= spent <= MAX_AMOUNT):
        problems.append(_("Số tiền phải là số đồng không âm, tối đa 1.000.000 tỷ đồng."))
    if problems:
        raise StepRefused(_("Chưa lưu được kinh phí."), problems)
    with transaction.atomic(), acting_as(actor):
        line = (
            BudgetLine.objects.select_for_update()
            .filter(plan=plan, task=task, year=year, source=source)
            .first()
        )
        before = None if line is None else {"planned": line.planned, "spent": line.spent}
        if line is None:
            line = BudgetLine(plan=plan, task=task, year=year, source=source)
        line.place = task.place if task is not None else plan.place
        line.planned, line.spent, line.note = planned, spent, note.strip()[:300]
        line.updated_by = actor
        line.save()
        record_step(
            actor=actor,
            obj=line,
            step="budget_set",
            place=line.place,
            before=before,
            after={"planned": planned, "spent": spent},
        )
    return line


@dataclass
class Amounts:
    planned: int = 0
    spent: int = 0
    by_source: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def rate(self) -> int | None:
        """Spent as a whole percentage of planned (None when nothing is planned)."""
        return round(100 * self.spent / self.planned) if self.planned else None


def plan_amounts(plan: Plan) -> dict[int | None, Amounts]:
    """Per task of ``plan`` (None: the plan's own lines) the amounts by source: one query."""
    result: dict[int | None, Amounts] = {}
    rows = (
        BudgetLine.objects.filter(plan=plan)
        .values("task_id", "source")
        .annotate(planned=Sum("planned"), spent=Sum("spent"))
        .order_by()
    )
    for row in rows:
        amounts = result.setdefault(row["task_id"], Amounts())
        amounts.planned += row["planned"]
        amounts.spent += row["spent"]
        amounts.by_source[row["source"]] = (row["planned"], row["spent"])
    return result


def place_rollup(place: Place, year: int | None = None) -> Amounts:
    """Every line of the tasks and plans at ``place`` and below, summed by source: one query."""
    lines = BudgetLine.objects.filter(place__path__startswith=place.path)
    if year is not None:
        lines = lines.filter(year=year)
    amounts = Amounts()
    rows = lines.values("source").annotate(planned=Sum("planned"), spent=Sum("spent")).order_by()
    for row in rows:
        amounts.planned += row["planned"]
        amounts.spent += row["spent"]
        amounts.by_source[row["source"]] = (row["planned"], row["spent"])
    return amounts
