"""A body's reports and tasks are acted on by the body's own officers only.

A place role at the body's place (a province Hội Khuyến học officer, the province coordinator)
sees the Sở's report and task but may not fill, send or update them.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from xhht.accounts.models import RoleAssignment, User
from xhht.accounts.roles import Role
from xhht.reporting import actions
from xhht.reporting.models import Submission, Task
from xhht.reporting.tests.factories import body_submission, commune_submission, make_task
from xhht.reporting.tests.helpers import fill
from xhht.testing.world import PASSWORD, World


def province_association_officer(world: World) -> User:
    user = User.objects.create_user(
        username="province_association", password=PASSWORD, full_name="Hội Khuyến học tỉnh"
    )
    RoleAssignment.objects.create(user=user, role=Role.ASSOCIATION_OFFICER, place=world.province)
    return user


def test_a_province_association_officer_sees_but_cannot_fill_or_send_the_sos_report(
    world: World,
) -> None:
    officer = province_association_officer(world)
    report = body_submission(world)
    assert report in Submission.objects.visible_to(officer)
    assert report not in Submission.objects.filed_by(officer)
    with pytest.raises(PermissionDenied):
        fill(report, officer, [1, 2])
    fill(report, world.body_officer, [1, 2])
    with pytest.raises(PermissionDenied):
        actions.submit(actor=officer, submission=report)
    report.refresh_from_db()
    assert report.state == Submission.State.DRAFT


def test_the_sos_report_cannot_be_sent_through_the_pages_by_a_place_role(
    world: World, client_for: Any
) -> None:
    report = body_submission(world)
    fill(report, world.body_officer, [1, 2])
    for user in (province_association_officer(world), world.coordinator):
        client = client_for(user)
        assert client.get(f"/reporting/reports/{report.pk}/").status_code == 200
        assert client.get(f"/reporting/reports/{report.pk}/edit/").status_code == 404
        assert client.post(f"/reporting/reports/{report.pk}/submit/").status_code == 404
    report.refresh_from_db()
    assert report.state == Submission.State.DRAFT
    client_for(world.body_officer).post(f"/reporting/reports/{report.pk}/submit/")
    report.refresh_from_db()
    assert report.state == Submission.State.SUBMITTED


def test_a_communes_report_is_still_filed_by_the_place_roles_over_it(world: World) -> None:
    officer = province_association_officer(world)
    assert commune_submission(world) in Submission.objects.filed_by(officer)
    assert commune_submission(world) in Submission.objects.filed_by(world.commune_officer)


def test_a_place_role_at_the_bodys_place_cannot_mark_the_sos_task_done(
    world: World, client_for: Any
) -> None:
    task = make_task(world)
    officer = province_association_officer(world)
    for user in (officer, world.coordinator):
        with pytest.raises(PermissionDenied):
            actions.update_task(actor=user, task=task, status="done", note="Đã xong.")
        client = client_for(user)
        assert client.get(f"/reporting/tasks/{task.pk}/").status_code == 200
        response = client.post(
            f"/reporting/tasks/{task.pk}/progress/", {"status": "done", "note": "Đã xong."}
        )
        assert response.status_code == 404
    task.refresh_from_db()
    assert task.status == Task.Status.NOT_STARTED
    assert not task.updates.exists()


def test_the_sos_officer_and_a_supporting_bodys_officer_update_the_task(world: World) -> None:
    task = make_task(world)
    actions.update_task(actor=world.body_officer, task=task, status="in_progress", note="Đã họp.")
    with pytest.raises(PermissionDenied):
        actions.update_task(actor=world.other_body_officer, task=task, status="done", note="x")
    task.supporting_bodies.set([world.other_body])
    update = actions.update_task(
        actor=world.other_body_officer, task=task, status="in_progress", note="Đã phối hợp."
    )
    assert update.body == world.other_body
