"""The governance rows of the permission matrix (``testing.matrix``): inspection, budgets and
communication work. Inspecting is the province coordinator's (INSPECT over the province); the
inspected commune answers through its officer, the inspected body through its own officer."""

from collections.abc import Callable

from django.urls import reverse

from xhht.governance.tests import factories
from xhht.testing.matrix import EVERY_OFFICER, Entry
from xhht.testing.world import World

#: INSPECT somewhere (a form that checks the place on submit).
INSPECT_ANYWHERE = frozenset(
    {"admin", "coordinator", "commune_officer", "other_officer", "outsider"}
)
#: INSPECT over the province (the inspection's place).
INSPECT_PROVINCE = frozenset({"admin", "coordinator"})
#: Who sees the province's inspection of ``world.commune`` and ``world.body``: the province's
#: viewers and the inspected commune's.
SEE_INSPECTION = frozenset(
    {
        "admin",
        "coordinator",
        "province_association_officer",
        "body_officer",
        "other_body_officer",
        "commune_officer",
        "association_officer",
        "reviewer",
    }
)
#: Who answers the commune's recommendation: a place role with REPORT over the commune.
ANSWER_COMMUNE = frozenset(
    {
        "admin",
        "coordinator",
        "commune_officer",
        "association_officer",
        "province_association_officer",
    }
)
#: MANAGE_PLANS through a place role over the province (the plan's own lines).
PLAN_BUDGET = frozenset({"admin", "coordinator"})
#: Who records communication work: REPORT through a place role or a body role.
RECORD = frozenset(
    {
        "admin",
        "coordinator",
        "commune_officer",
        "other_officer",
        "outsider",
        "association_officer",
        "province_association_officer",
        "body_officer",
        "other_body_officer",
    }
)


def _inspection(name: str) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[w.once("gov_inspection", factories.inspection).pk])


def _recommendation(name: str) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[w.once("gov_recommendation", factories.recommendation).pk])


def _plan(name: str) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[w.once("gov_plan", factories.plan).pk])


def _visit_url(w: World) -> str:
    return reverse("governance:visit_evidence", args=[w.once("gov_visit", factories.visit).pk])


MATRIX: dict[str, Entry] = {
    "governance:inspection_list": Entry(
        lambda w: reverse("governance:inspection_list"), EVERY_OFFICER, get_only=True
    ),
    "governance:inspection_create": Entry(
        lambda w: reverse("governance:inspection_create"), INSPECT_ANYWHERE
    ),
    "governance:inspection_detail": Entry(
        _inspection("governance:inspection_detail"), SEE_INSPECTION, get_only=True
    ),
    "governance:visit_add": Entry(_inspection("governance:visit_add"), INSPECT_PROVINCE),
    "governance:recommendation_add": Entry(
        _inspection("governance:recommendation_add"), INSPECT_PROVINCE
    ),
    "governance:recommendation_detail": Entry(
        _recommendation("governance:recommendation_detail"), SEE_INSPECTION, get_only=True
    ),
    "governance:recommendation_answer": Entry(
        _recommendation("governance:recommendation_answer"),
        ANSWER_COMMUNE,
        method="post",
        data=lambda w: {"note": "Đã thực hiện."},
    ),
    "governance:recommendation_conclude": Entry(
        _recommendation("governance:recommendation_conclude"),
        INSPECT_PROVINCE,
        method="post",
        data=lambda w: {"note": "Đã hoàn thành.", "decision": "close"},
    ),
    "governance:visit_evidence": Entry(_visit_url, SEE_INSPECTION, get_only=True),
    "governance:follow_up_evidence": Entry(
        lambda w: reverse(
            "governance:follow_up_evidence", args=[w.once("gov_follow_up", factories.follow_up).pk]
        ),
        SEE_INSPECTION,
        get_only=True,
    ),
    # Budgets
    "governance:plan_budget": Entry(
        _plan("governance:plan_budget"),
        EVERY_OFFICER - {"outsider"},
        get_only=True,
    ),
    "governance:budget_edit": Entry(_plan("governance:budget_edit"), PLAN_BUDGET),
    "governance:budget_rollup": Entry(
        lambda w: reverse("governance:budget_rollup"), EVERY_OFFICER, get_only=True
    ),
    # Communication work
    "governance:activity_list": Entry(
        lambda w: reverse("governance:activity_list"), EVERY_OFFICER, get_only=True
    ),
    "governance:activity_create": Entry(lambda w: reverse("governance:activity_create"), RECORD),
    "governance:activity_remove": Entry(
        lambda w: reverse(
            "governance:activity_remove", args=[w.once("gov_activity", factories.activity).pk]
        ),
        ANSWER_COMMUNE,
        method="post",
        data=lambda w: {"reason": "Ghi nhầm."},
    ),
}
