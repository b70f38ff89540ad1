"""The one way governance views fetch their records: only if the user may, the same 404 otherwise.

Inspecting needs ``INSPECT`` over the inspection's place (the province coordinator, a commune's
officer for its hamlets); the inspected side answers with ``REPORT``: a place role over the
addressed commune or hamlet, or a role held at the addressed body. Budgets are entered by the
task's lead body (a role held at it) or by ``MANAGE_PLANS`` over the task's or plan's place.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from xhht.accounts.access import EVERYWHERE, Capability, acting_scope, can, path_under
from xhht.accounts.models import User
from xhht.governance.models import (
    CommunicationActivity,
    FollowUp,
    InspectionPlan,
    Recommendation,
    Visit,
)
from xhht.places.models import Place
from xhht.plans.models import Plan
from xhht.reporting.models import Task

INSPECT = Capability.INSPECT


def get_inspection_for_user(user: User, pk: int) -> InspectionPlan:
    queryset = InspectionPlan.objects.visible_to(user).select_related("place", "inspector_body")
    return get_object_or_404(queryset, pk=pk)


def may_inspect(user: User, inspection: InspectionPlan) -> bool:
    return can(user, INSPECT, inspection.place)


def get_recommendation_for_user(user: User, pk: int) -> Recommendation:
    queryset = Recommendation.objects.visible_to(user).select_related(
        "inspection__place", "place", "body"
    )
    return get_object_or_404(queryset, pk=pk)


def may_answer(user: User, recommendation: Recommendation) -> bool:
    return Recommendation.objects.answerable_by(user).filter(pk=recommendation.pk).exists()


def may_close(user: User, recommendation: Recommendation) -> bool:
    return can(user, INSPECT, recommendation.inspection.place)


def get_visit_for_user(user: User, pk: int) -> Visit:
    inspections = InspectionPlan.objects.visible_to(user)
    return get_object_or_404(Visit.objects.filter(inspection__in=inspections), pk=pk)


def get_follow_up_for_user(user: User, pk: int) -> FollowUp:
    visible = Recommendation.objects.visible_to(user)
    return get_object_or_404(FollowUp.objects.filter(recommendation__in=visible), pk=pk)


def get_plan_for_user(user: User, pk: int) -> Plan:
    return get_object_or_404(Plan.objects.visible_to(user).select_related("place"), pk=pk)


def may_budget_plan(user: User, plan: Plan) -> bool:
    """The plan's own lines: a place role with MANAGE_PLANS over the plan's place."""
    prefixes, _bodies = acting_scope(user, Capability.MANAGE_PLANS)
    return path_under(plan.place.path, prefixes)


def budget_tasks(user: User, plan: Plan) -> list[Task]:
    """The plan's tasks whose budget the user enters: those their body leads, and those of a
    place where they hold MANAGE_PLANS through a place role."""
    prefixes, _bodies = acting_scope(user, Capability.MANAGE_PLANS)
    _report, bodies = acting_scope(user, Capability.REPORT)
    tasks = plan.tasks.select_related("place", "lead_body").order_by("group", "pk")
    return [t for t in tasks if t.lead_body_id in bodies or path_under(t.place.path, prefixes)]


def get_activity_for_user(user: User, pk: int) -> CommunicationActivity:
    queryset = CommunicationActivity.objects.visible_to(user).select_related("place", "body")
    return get_object_or_404(queryset, pk=pk)


def communication_places(user: User) -> list[Place]:
    """Places the user records communication work for (REPORT through a place role)."""
    prefixes, _bodies = acting_scope(user, Capability.REPORT)
    if EVERYWHERE in prefixes:
        return list(Place.objects.current().filter(parent__isnull=True).order_by("sort_key"))
    if not prefixes:
        return []
    return list(Place.objects.at_paths(prefixes).order_by("depth", "sort_key"))
