from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from xhht.core.workflow import StepRefused
from xhht.reporting.actions import update_task
from xhht.reporting.models import Task
from xhht.reporting.tests.factories import make_task
from xhht.testing.world import World


def test_deadlines_read_as_the_plans_write_them(world: World) -> None:
    task = Task(deadline_kind=Task.Deadline.QUARTER, deadline_quarter=3, deadline_year=2020)
    assert task.deadline_label() == "quý III năm 2020"
    assert task.due_on(datetime.date(2020, 1, 1)) == datetime.date(2020, 9, 30)
    yearly = Task(deadline_kind=Task.Deadline.YEARLY, yearly_day=1, yearly_month=12)
    assert yearly.deadline_label() == "hằng năm, trước ngày 01/12"
    dated = Task(deadline_kind=Task.Deadline.DATE, deadline_date=datetime.date(2020, 9, 10))
    assert dated.deadline_label() == "trước ngày 10/09/2020"


def test_a_task_past_its_deadline_and_not_done_is_overdue(world: World) -> None:
    task = make_task(world)
    assert task.is_overdue(datetime.date(2020, 10, 1))
    assert not task.is_overdue(datetime.date(2020, 9, 30))
    update_task(actor=world.body_officer, task=task, status="done", note="Đã xong.")
    assert not task.is_overdue(datetime.date(2020, 10, 1))


def test_a_yearly_task_done_last_year_is_overdue_again_this_year(world: World) -> None:
    task = Task(
        deadline_kind=Task.Deadline.YEARLY,
        yearly_day=1,
        yearly_month=12,
        status=Task.Status.DONE,
        completed_on=datetime.date(2023, 11, 20),
    )
    assert not task.is_overdue(datetime.date(2023, 12, 5))
    assert task.is_overdue(datetime.date(2024, 12, 5))


def test_progress_is_recorded_by_the_lead_body_with_its_note(world: World) -> None:
    task = make_task(world)
    update = update_task(
        actor=world.body_officer, task=task, status="in_progress", note="Đã tổ chức 3 hội nghị."
    )
    assert (update.body, task.status) == (world.body, "in_progress")
    with pytest.raises(StepRefused, match="Hãy ghi tiến độ"):
        update_task(actor=world.body_officer, task=task, status="done", note=" ")
    with pytest.raises(PermissionDenied):
        update_task(actor=world.other_body_officer, task=task, status="done", note="x")


def test_a_task_form_refuses_a_quarter_without_its_year(world: World, client_for: Any) -> None:
    client = client_for(world.coordinator)
    response = client.post(
        "/reporting/tasks/new/",
        {
            "place": world.province.pk,
            "text": "Rà soát TTHTCĐ",
            "lead_body": world.body.pk,
            "deadline_kind": "quarter",
            "deadline_quarter": 3,
        },
    )
    assert "Hãy nhập năm của quý." in response.content.decode()
    assert not Task.objects.exists()
