"""The one way views fetch tasks, report types and reports: only if the user may, 404 otherwise."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from xhht.accounts.access import Capability, acting_scope, path_under
from xhht.accounts.models import User
from xhht.places.models import Place
from xhht.reporting.models import (
    Consolidation,
    ReportingPeriod,
    ReportType,
    Submission,
    Task,
    TaskUpdate,
)


def get_task_for_user(user: User, pk: int, capability: str = Capability.VIEW) -> Task:
    queryset = Task.objects.visible_to(user, capability).select_related("place", "lead_body")
    return get_object_or_404(queryset, pk=pk)


def get_report_type_for_user(user: User, pk: int, capability: str = Capability.VIEW) -> ReportType:
    report_type = get_object_or_404(
        ReportType.objects.visible_to(user).select_related("place"), pk=pk
    )
    if capability != Capability.VIEW and not acts_at(user, capability, report_type.place):
        get_object_or_404(ReportType.objects.none(), pk=pk)
    return report_type


def get_period_for_user(user: User, pk: int, capability: str) -> ReportingPeriod:
    """A period of a report type the user manages or receives (``capability`` at its place)."""
    period = get_object_or_404(ReportingPeriod.objects.select_related("report_type__place"), pk=pk)
    if not acts_at(user, capability, period.report_type.place):
        get_object_or_404(ReportingPeriod.objects.none(), pk=pk)
    return period


def acts_at(user: User, capability: str, place: Place) -> bool:
    """Whether a role held at a place (not at a body) gives ``capability`` over ``place``."""
    prefixes, _bodies = acting_scope(user, capability)
    return path_under(place.path, prefixes)


def get_submission_for_user(user: User, pk: int) -> Submission:
    queryset = Submission.objects.visible_to(user).select_related(
        "period__report_type__place", "reporter_body", "reporter_place", "place"
    )
    return get_object_or_404(queryset, pk=pk)


def get_filed_submission_for_user(user: User, pk: int) -> Submission:
    queryset = Submission.objects.filed_by(user).select_related(
        "period__report_type__place", "reporter_body", "reporter_place", "place"
    )
    return get_object_or_404(queryset, pk=pk)


def get_received_submission_for_user(user: User, pk: int) -> Submission:
    queryset = Submission.objects.receivable_by(user).select_related(
        "period__report_type", "reporter_body", "reporter_place", "place"
    )
    return get_object_or_404(queryset, pk=pk)


def get_consolidation_for_user(user: User, pk: int) -> Consolidation:
    queryset = Consolidation.objects.visible_to(user).select_related("period__report_type")
    return get_object_or_404(queryset, pk=pk)


def can_file(user: User, submission: Submission) -> bool:
    return Submission.objects.filed_by(user).filter(pk=submission.pk).exists()


def can_receive(user: User, submission: Submission) -> bool:
    return Submission.objects.receivable_by(user).filter(pk=submission.pk).exists()


def get_task_update_for_user(user: User, pk: int) -> TaskUpdate:
    """A progress note of a task the user may see (for its evidence), else 404."""
    queryset = TaskUpdate.objects.filter(task__in=Task.objects.visible_to(user))
    return get_object_or_404(queryset, pk=pk)


def get_updatable_task_for_user(user: User, pk: int) -> Task:
    """A task whose progress the user records (their body leads or supports it), else 404."""
    queryset = Task.objects.updatable_by(user).select_related("place", "lead_body")
    return get_object_or_404(queryset, pk=pk)


def can_update_task(user: User, task: Task) -> bool:
    return Task.objects.updatable_by(user).filter(pk=task.pk).exists()


def can_manage_plans(user: User, task_or_type: Task | ReportType) -> bool:
    return acts_at(user, Capability.MANAGE_PLANS, task_or_type.place)


def acting_bodies(user: User) -> set[int]:
    """The bodies the user reports for."""
    return acting_scope(user, Capability.REPORT)[1]


def acts_at_any(user: User, capability: str) -> bool:
    """Whether the user holds ``capability`` through a role at some place."""
    return bool(acting_scope(user, capability)[0])
