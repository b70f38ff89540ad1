from __future__ import annotations

from typing import Any

from xhht.accounts.models import Body
from xhht.reporting.models import Submission, Task
from xhht.reporting.tests.factories import body_submission, commune_submission, make_task
from xhht.testing.world import World


def test_a_body_officer_sees_the_tasks_it_leads_or_supports_but_not_other_bodies(
    world: World,
) -> None:
    own = make_task(world)
    supported = Task.objects.create(
        place=world.province, text="Phát triển thư viện", lead_body=world.other_body
    )
    supported.supporting_bodies.set([world.body])
    others = Task.objects.create(
        place=world.province, text="Tổ chức Ngày sách", lead_body=world.other_body
    )
    seen = set(Task.objects.visible_to(world.body_officer))
    assert seen == {own, supported}
    assert set(Task.objects.visible_to(world.other_body_officer)) == {supported, others}
    assert set(Task.objects.visible_to(world.coordinator)) == {own, supported, others}
    assert not Task.objects.visible_to(world.commune_officer).exists()


def test_a_commune_officer_sees_only_the_commune_tasks_of_their_place(world: World) -> None:
    ward = Body.objects.create(name="UBND Phường Ninh Kiều", place=world.commune)
    task = Task.objects.create(place=world.commune, text="Củng cố TTHTCĐ", lead_body=ward)
    assert list(Task.objects.visible_to(world.commune_officer)) == [task]
    assert not Task.objects.visible_to(world.other_officer).exists()


def test_reports_are_seen_by_their_reporter_and_receiver_only(world: World) -> None:
    commune, body = commune_submission(world), body_submission(world)
    assert list(Submission.objects.visible_to(world.body_officer)) == [body]
    assert not Submission.objects.visible_to(world.other_body_officer).exists()
    assert list(Submission.objects.visible_to(world.commune_officer)) == [commune]
    assert not Submission.objects.visible_to(world.outsider).exists()
    assert Submission.objects.receivable_by(world.coordinator).count() == 3
    assert not Submission.objects.receivable_by(world.commune_officer).exists()


def test_the_workspace_lists_a_body_officers_own_reports_in_few_queries(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    body_submission(world)
    client = client_for(world.body_officer)
    with django_assert_max_num_queries(20):
        response = client.get("/reporting/")
    assert "Sở Giáo dục và Đào tạo" in response.content.decode()
    assert "Phường Ninh Kiều" not in response.content.decode()
