"""A confirmed plan becomes work: its tasks (lead and supporting bodies, deadline, the targets
they serve) and its report duties (report types of the regime, the first period opened when the
plan dates it).

``plans`` sits below ``reporting`` and cannot import it: ``ReportingConfig.ready`` registers
``save_plan_work`` with ``plans.actions.register_work_writer``, and ``plans.actions.create_plan``
calls it inside its transaction, so a task or a report that fails leaves no plan behind.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from xhht.accounts.models import Body, User
from xhht.core.workflow import StepRefused
from xhht.places.models import Level
from xhht.plans.actions import PlanError, ReportData, TaskData
from xhht.plans.models import Plan, Target
from xhht.reporting.actions import start_period
from xhht.reporting.models import ReportType, Task


def _body(bodies: dict[str, Body], name: str, where: str) -> Body:
    body = bodies.get(name)
    if body is None:
        raise PlanError(
            _("%(where)s: không có cơ quan “%(name)s” trong kế hoạch.")
            % {"where": where, "name": name}
        )
    return body


def save_tasks(
    *, plan: Plan, bodies: dict[str, Body], targets: dict[str, Target], tasks: list[TaskData]
) -> list[Task]:
    saved = []
    for number, item in enumerate(tasks, start=1):
        where = _("Nhiệm vụ %(n)s") % {"n": number}
        task = Task.objects.create(
            place=plan.place,
            plan=plan,
            group=item.group[:300],
            text=item.text,
            lead_body=_body(bodies, item.lead, where),
            deadline_kind=item.deadline_kind,
            deadline_date=item.deadline_date,
            deadline_quarter=item.deadline_quarter,
            deadline_year=item.deadline_year,
            yearly_day=item.yearly_day,
            yearly_month=item.yearly_month,
        )
        supporting = {_body(bodies, name, where) for name in item.supporting}
        supporting.discard(task.lead_body)
        if supporting:
            task.supporting_bodies.set(supporting)
        served = [targets[code] for code in item.targets if code in targets]
        if served:
            task.targets.set(served)
        saved.append(task)
    return saved


def save_reports(
    *, plan: Plan, user: User | None, bodies: dict[str, Body], reports: list[ReportData]
) -> list[ReportType]:
    saved = []
    for number, item in enumerate(reports, start=1):
        where = _("Báo cáo %(n)s") % {"n": number}
        report_type = ReportType.objects.create(
            name=item.name[:300],
            place=plan.place,
            legal_basis=f"{plan}: {item.text}".strip(": ")[:2000],
            receiver_body=_body(bodies, item.receiver_body, where) if item.receiver_body else None,
            receiver_text=item.receiver[:300],
            reporter_level=item.reporter_level
            if item.reporter_level in (Level.DISTRICT, Level.COMMUNE)
            else "",
            frequency=item.frequency,
            cutoff_day=item.cutoff_day,
            cutoff_month=item.cutoff_month,
            due_day=item.due_day,
            due_month=item.due_month,
            due_days_after=item.due_days_after,
        )
        reporters = {_body(bodies, name, where) for name in item.reporters}
        if reporters:
            report_type.reporter_bodies.set(reporters)
        if item.first_year is not None and item.first_due is not None:
            try:
                start_period(
                    actor=user, report_type=report_type, year=item.first_year, due=item.first_due
                )
            except StepRefused as refused:
                raise PlanError(f"{where}: {refused}") from refused
        saved.append(report_type)
    return saved


def save_plan_work(
    *,
    plan: Plan,
    user: User | None,
    bodies: dict[str, Body],
    targets: dict[str, Target],
    tasks: list[TaskData],
    reports: list[ReportData],
) -> None:
    """The plan's tasks and report types (``plans.actions.WorkWriter``)."""
    save_tasks(plan=plan, bodies=bodies, targets=targets, tasks=tasks)
    save_reports(plan=plan, user=user, bodies=bodies, reports=reports)
