"""Budgets: the responsible body enters its task's amounts, the plan's place enters the plan's
own; the plan page and the place roll-up add them up with one query each."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from xhht.core.workflow import StepRefused
from xhht.governance import budgets
from xhht.governance.models import BudgetLine, Source
from xhht.governance.tests import factories
from xhht.reporting.models import Task
from xhht.testing.clients import ClientFor
from xhht.testing.world import World


def test_only_the_lead_body_or_the_plans_place_enters_a_tasks_budget(world: World) -> None:
    plan, task = world.once("gov_plan", factories.plan), world.once("gov_task", factories.task)
    for outsider in (world.other_body_officer, world.commune_officer, world.outsider):
        with pytest.raises(PermissionDenied):
            budgets.set_budget(
                actor=outsider,
                plan=plan,
                task=task,
                year=2026,
                source="state_budget",
                planned=1,
                spent=0,
            )
    with pytest.raises(PermissionDenied):  # a body's officer does not enter the plan's own
        budgets.set_budget(
            actor=world.body_officer, plan=plan, year=2026, source="other", planned=1, spent=0
        )
    budgets.set_budget(
        actor=world.coordinator,
        plan=plan,
        task=task,
        year=2026,
        source="other",
        planned=5,
        spent=0,
    )
    assert BudgetLine.objects.get().place == world.province


def test_a_year_outside_the_plan_or_a_negative_amount_is_refused(world: World) -> None:
    plan = world.once("gov_plan", factories.plan)
    with pytest.raises(StepRefused) as refused:
        budgets.set_budget(
            actor=world.coordinator, plan=plan, year=2031, source="other", planned=-1, spent=0
        )
    assert len(refused.value.problems) == 2
    assert not BudgetLine.objects.exists()


def test_entering_again_corrects_the_line(world: World) -> None:
    line = factories.budget_line(world)
    budgets.set_budget(
        actor=world.body_officer,
        plan=line.plan,
        task=line.task,
        year=2026,
        source=Source.STATE_BUDGET,
        planned=150_000_000,
        spent=90_000_000,
    )
    assert BudgetLine.objects.get().spent == 90_000_000


def test_amounts_per_task_and_rolled_up_per_place(
    world: World, django_assert_num_queries: object
) -> None:
    plan = world.once("gov_plan", factories.plan)
    task = world.once("gov_task", factories.task)
    commune_task = Task.objects.create(
        place=world.commune, plan=plan, text="Mở lớp kỹ năng số", lead_body=world.body
    )
    factories.budget_line(world)
    budgets.set_budget(
        actor=world.body_officer,
        plan=plan,
        task=task,
        year=2027,
        source=Source.SPONSORSHIP,
        planned=20_000_000,
        spent=20_000_000,
    )
    budgets.set_budget(
        actor=world.commune_officer,
        plan=plan,
        task=commune_task,
        year=2026,
        source=Source.SOCIALISATION,
        planned=7_500_000,
        spent=2_500_000,
    )
    budgets.set_budget(
        actor=world.coordinator,
        plan=plan,
        year=2026,
        source=Source.STATE_BUDGET,
        planned=1_000_000,
        spent=0,
    )
    with django_assert_num_queries(1):  # type: ignore[operator]
        amounts = budgets.plan_amounts(plan)
    assert (amounts[task.pk].planned, amounts[task.pk].spent) == (170_000_000, 60_000_000)
    assert amounts[None].planned == 1_000_000
    with django_assert_num_queries(1):  # type: ignore[operator]
        province = budgets.place_rollup(world.province)
    assert (province.planned, province.spent) == (178_500_000, 62_500_000)
    assert province.by_source[Source.SPONSORSHIP] == (20_000_000, 20_000_000)
    commune = budgets.place_rollup(world.commune)
    assert (commune.planned, commune.spent) == (7_500_000, 2_500_000)
    assert budgets.place_rollup(world.province, 2027).planned == 20_000_000
    assert budgets.place_rollup(world.other_commune).planned == 0


def test_the_plan_page_shows_amounts_beside_progress(world: World, client_for: ClientFor) -> None:
    line = factories.budget_line(world)
    plan_page = client_for(world.commune_officer).get(reverse("plans:detail", args=[line.plan_id]))
    assert reverse("governance:plan_budget", args=[line.plan_id]) in plan_page.content.decode()
    page = client_for(world.body_officer).get(
        reverse("governance:plan_budget", args=[line.plan_id])
    )
    html = page.content.decode()
    assert "150.000.000" in html and "40.000.000" in html and "Chưa thực hiện" in html
    assert f"?task={line.task_id}" in html  # the lead body enters it
    other = client_for(world.other_body_officer).get(
        reverse("governance:plan_budget", args=[line.plan_id])
    )
    assert f"?task={line.task_id}" not in other.content.decode()
    response = client_for(world.body_officer).post(
        reverse("governance:budget_edit", args=[line.plan_id]) + f"?task={line.task_id}",
        {"year": 2026, "source": "sponsorship", "planned": 3_000_000, "spent": 0},
    )
    assert response.status_code == 302
    rollup = client_for(world.coordinator).get(
        reverse("governance:budget_rollup") + f"?place={world.province.pk}"
    )
    assert "153.000.000" in rollup.content.decode()


def _queries(client: object, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200  # type: ignore[attr-defined]
    return len(captured)


def test_the_plan_budget_page_costs_the_same_whatever_the_number_of_tasks(
    world: World, client_for: ClientFor
) -> None:
    line = factories.budget_line(world)
    url = reverse("governance:plan_budget", args=[line.plan_id])
    few = _queries(client_for(world.body_officer), url)
    for number in range(10):
        task = Task.objects.create(
            place=world.province, plan=line.plan, text=f"Nhiệm vụ {number}", lead_body=world.body
        )
        budgets.set_budget(
            actor=world.body_officer,
            plan=line.plan,
            task=task,
            year=2026,
            source=Source.OTHER,
            planned=number,
            spent=0,
        )
    assert _queries(client_for(world.body_officer), url) == few
