"""Inspection: planning checks the inspector's scope, recommendations go open → answered →
closed (or back to open) through audited steps, overdue is an open one past its deadline, and
each side sees what waits for it."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from xhht.audit.models import AuditEntry
from xhht.audit.wording import step_label
from xhht.core.workflow import ChangedMeanwhile, StepRefused
from xhht.governance import actions
from xhht.governance.models import InspectionPlan, Recommendation
from xhht.governance.tests import factories
from xhht.testing.clients import ClientFor
from xhht.testing.world import World

S = Recommendation.State


def test_a_commune_officer_inspects_only_below_their_commune(world: World) -> None:
    with pytest.raises(PermissionDenied):
        actions.plan_inspection(
            actor=world.commune_officer,
            place=world.province,
            title="Kiểm tra",
            start_date=factories.DAY,
            end_date=factories.DAY,
            inspected_places=[world.commune],
        )
    with pytest.raises(StepRefused) as refused:
        actions.plan_inspection(
            actor=world.commune_officer,
            place=world.commune,
            title="Kiểm tra",
            start_date=factories.DAY,
            end_date=factories.DAY,
            inspected_places=[world.other_hamlet],
        )
    assert "Chỉ kiểm tra được các xã, thôn thuộc Phường Ninh Kiều." in refused.value.problems
    inspection = actions.plan_inspection(
        actor=world.commune_officer,
        place=world.commune,
        title="Kiểm tra các khu vực",
        start_date=factories.DAY,
        end_date=factories.DAY,
        inspected_places=[world.hamlet],
    )
    assert list(inspection.inspected_places.all()) == [world.hamlet]


def test_an_inspection_without_anyone_inspected_is_refused_and_nothing_is_saved(
    world: World,
) -> None:
    with pytest.raises(StepRefused) as refused:
        actions.plan_inspection(
            actor=world.coordinator,
            place=world.province,
            title="Kiểm tra",
            start_date=factories.DAY,
            end_date=factories.DAY - datetime.timedelta(days=1),
        )
    assert len(refused.value.problems) == 2
    assert not InspectionPlan.objects.exists()


def test_a_recommendation_goes_to_an_inspected_place_or_body_only(world: World) -> None:
    inspection = world.once("gov_inspection", factories.inspection)
    with pytest.raises(StepRefused):
        actions.recommend(
            actor=world.coordinator,
            inspection=inspection,
            text="Kiến nghị",
            deadline=factories.DAY,
            place=world.other_commune,
        )
    with pytest.raises(StepRefused):
        actions.recommend(
            actor=world.coordinator,
            inspection=inspection,
            text="Kiến nghị",
            deadline=factories.DAY,
            body=world.other_body,
        )


def test_the_commune_answers_the_inspector_reopens_then_closes(world: World) -> None:
    item = factories.recommendation(world)
    with pytest.raises(PermissionDenied):  # another commune's officer
        actions.answer_recommendation(actor=world.other_officer, recommendation=item, note="x")
    with pytest.raises(PermissionDenied):  # the inspected side does not close
        actions.close_recommendation(actor=world.commune_officer, recommendation=item, note="x")
    actions.answer_recommendation(
        actor=world.commune_officer,
        recommendation=item,
        note="Đã cập nhật sổ.",
        evidence=factories.evidence(),
    )
    assert item.state == S.ANSWERED
    actions.reopen_recommendation(
        actor=world.coordinator, recommendation=item, note="Sổ chưa ghi lớp tháng 5."
    )
    assert item.state == S.OPEN
    with pytest.raises(StepRefused):  # reopening an open one
        actions.reopen_recommendation(actor=world.coordinator, recommendation=item, note="x")
    actions.answer_recommendation(
        actor=world.commune_officer, recommendation=item, note="Đã bổ sung."
    )
    actions.close_recommendation(actor=world.coordinator, recommendation=item, note="Đạt.")
    assert item.state == S.CLOSED and item.closed_by == world.coordinator
    with pytest.raises(StepRefused):  # a closed one takes no more answers
        actions.answer_recommendation(
            actor=world.commune_officer, recommendation=item, note="Thêm."
        )
    kinds = list(item.follow_ups.values_list("kind", flat=True))
    assert kinds == ["answer", "reopen", "answer", "close"]
    steps = AuditEntry.objects.filter(object_id=str(item.pk), step__startswith="recommendation_")
    assert sorted(steps.values_list("step", flat=True)) == sorted(
        [
            "recommendation_answer",
            "recommendation_reopen",
            "recommendation_answer",
            "recommendation_close",
        ]
    )
    # Every step of the trail reads as a Vietnamese name on the audit pages.
    codes = set(AuditEntry.objects.exclude(step="").values_list("step", flat=True))
    assert {"inspection_plan", "recommend", "recommendation_reopen"} <= codes
    assert all(step_label(code) != code for code in codes)


def test_the_commune_closes_it_done_the_inspector_reopens_a_closed_one(world: World) -> None:
    item = factories.recommendation(world)
    with pytest.raises(PermissionDenied):  # another commune's officer
        actions.complete_recommendation(actor=world.other_officer, recommendation=item, note="x")
    with pytest.raises(StepRefused):  # the note is required
        actions.complete_recommendation(actor=world.commune_officer, recommendation=item, note=" ")
    actions.complete_recommendation(
        actor=world.commune_officer,
        recommendation=item,
        note="Đã đánh giá ở 6/6 khu vực.",
        evidence=factories.evidence(),
    )
    assert item.state == S.CLOSED and item.closed_by == world.commune_officer
    assert not item.is_overdue(item.deadline + datetime.timedelta(days=30))
    with pytest.raises(StepRefused):  # closed: no more answers, no second closing
        actions.complete_recommendation(actor=world.commune_officer, recommendation=item, note="x")
    with pytest.raises(PermissionDenied):  # reopening is the inspector's
        actions.reopen_recommendation(actor=world.commune_officer, recommendation=item, note="x")
    with pytest.raises(StepRefused):  # a reason is required
        actions.reopen_recommendation(actor=world.coordinator, recommendation=item, note="")
    actions.reopen_recommendation(
        actor=world.coordinator, recommendation=item, note="Thiếu biên bản khu vực 3."
    )
    assert item.state == S.OPEN and item.closed_at is None and item.closed_by is None
    actions.close_recommendation(actor=world.coordinator, recommendation=item, note="Đạt.")
    assert item.state == S.CLOSED and item.closed_by == world.coordinator
    kinds = list(item.follow_ups.values_list("kind", flat=True))
    assert kinds == ["done", "reopen", "close"]
    assert item.follow_ups.get(kind="done").evidence
    steps = AuditEntry.objects.filter(object_id=str(item.pk), step__startswith="recommendation_")
    assert sorted(steps.values_list("step", flat=True)) == [
        "recommendation_close",
        "recommendation_complete",
        "recommendation_reopen",
    ]
    assert step_label("recommendation_complete") != "recommendation_complete"


def test_a_stale_step_is_refused(world: World) -> None:
    item = factories.recommendation(world)
    stale = Recommendation.objects.get(pk=item.pk)
    actions.close_recommendation(actor=world.coordinator, recommendation=item, note="Đạt.")
    with pytest.raises(StepRefused):
        actions.answer_recommendation(actor=world.commune_officer, recommendation=stale, note="x")
    with pytest.raises(StepRefused):  # closed by the inspector meanwhile
        actions.complete_recommendation(actor=world.commune_officer, recommendation=stale, note="x")
    assert item.follow_ups.count() == 1
    closed = Recommendation.objects.get(pk=item.pk)
    actions.reopen_recommendation(actor=world.coordinator, recommendation=item, note="Chưa đủ.")
    with pytest.raises(ChangedMeanwhile):  # reopened meanwhile by someone else
        actions.reopen_recommendation(actor=world.coordinator, recommendation=closed, note="x")
    assert item.follow_ups.count() == 2


def test_overdue_is_an_open_recommendation_past_its_deadline(world: World) -> None:
    late = factories.recommendation(world, deadline=datetime.date(2026, 5, 1))
    answered = factories.recommendation(world, deadline=datetime.date(2026, 5, 1))
    actions.answer_recommendation(actor=world.commune_officer, recommendation=answered, note="x")
    on_time = factories.recommendation(world, deadline=datetime.date(2026, 7, 1))
    day = datetime.date(2026, 6, 1)
    assert late.is_overdue(day) and not answered.is_overdue(day) and not on_time.is_overdue(day)
    assert list(Recommendation.objects.overdue(day)) == [late]


def test_a_body_recommendation_is_owed_by_the_body_officer_only(world: World) -> None:
    item = factories.body_recommendation(world)
    assert list(Recommendation.objects.owed_by(world.body_officer)) == [item]
    assert not Recommendation.objects.owed_by(world.other_body_officer).exists()
    assert not Recommendation.objects.owed_by(world.commune_officer).exists()
    assert not Recommendation.objects.owed_by(world.coordinator).exists()  # not its own
    with pytest.raises(PermissionDenied):
        actions.answer_recommendation(actor=world.other_body_officer, recommendation=item, note="x")


def test_the_home_page_shows_the_communes_recommendations_overdue_flagged(
    world: World, client_for: ClientFor, django_assert_max_num_queries: object
) -> None:
    today = datetime.date.today()
    late = factories.recommendation(world, deadline=today - datetime.timedelta(days=3))
    later = factories.recommendation(world, deadline=today + datetime.timedelta(days=30))
    page = client_for(world.commune_officer).get(reverse("site:home"))
    html = page.content.decode()
    assert "Kiến nghị sau kiểm tra cần thực hiện (1 quá hạn)" in html
    card = html[html.index('data-testid="todo-recommendations"') :]
    card = card[: card.index("</li>\n</ul>") if "</li>\n</ul>" in card else len(card)]
    assert reverse("governance:recommendation_detail", args=[late.pk]) in card
    assert reverse("governance:recommendation_detail", args=[later.pk]) in card
    assert card.index(str(late.pk)) < card.index(f"/{later.pk}/")
    assert "quá hạn 3 ngày" in card
    # Another commune's officer owes nothing; the inspector sees nothing waiting yet.
    other = client_for(world.other_officer).get(reverse("site:home")).content.decode()
    assert "todo-recommendations" not in other
    actions.answer_recommendation(actor=world.commune_officer, recommendation=later, note="x")
    inspector = client_for(world.coordinator).get(reverse("site:home")).content.decode()
    assert 'data-testid="todo-conclude"' in inspector
    assert reverse("governance:recommendation_detail", args=[later.pk]) in inspector


def test_each_home_list_costs_one_query_however_many_recommendations(world: World) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from xhht.site.work.governance import recommendation_lists

    for _ in range(12):
        factories.recommendation(world)
    user = type(world.commune_officer).objects.get(pk=world.commune_officer.pk)
    with CaptureQueriesContext(connection) as first:
        recommendation_lists(user, datetime.date(2026, 6, 1))
    factories.recommendation(world)
    user = type(world.commune_officer).objects.get(pk=world.commune_officer.pk)
    with CaptureQueriesContext(connection) as second:
        lists = recommendation_lists(user, datetime.date(2026, 6, 1))
    assert len(first) == len(second)  # the same whatever the number of recommendations
    reads = [q["sql"] for q in second.captured_queries if "governance_recommendation" in q["sql"]]
    # One for both lists: what the commune owes, and (a commune's officer inspects its
    # hamlets) what waits for its conclusion; the rest read the user's roles.
    assert len(reads) == 1
    assert lists[0].count == 13 and len(lists[0].entries) == 5


def test_pages_answer_and_conclude(world: World, client_for: ClientFor) -> None:
    item = factories.recommendation(world)
    url = reverse("governance:recommendation_detail", args=[item.pk])
    commune = client_for(world.commune_officer)
    page = commune.get(url).content.decode()
    assert 'data-testid="answer"' in page and 'data-testid="close"' not in page
    response = commune.post(
        reverse("governance:recommendation_answer", args=[item.pk]),
        {"note": "Đã làm.", "evidence": factories.evidence()},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == S.ANSWERED
    follow_up = item.follow_ups.get()
    photo = commune.get(reverse("governance:follow_up_evidence", args=[follow_up.pk]))
    assert photo.status_code == 200 and photo["Content-Type"] == "image/png"
    inspector = client_for(world.coordinator)
    assert 'data-testid="close"' in inspector.get(url).content.decode()
    inspector.post(
        reverse("governance:recommendation_conclude", args=[item.pk]),
        {"note": "Chưa đủ.", "decision": "reopen"},
    )
    item.refresh_from_db()
    assert item.state == S.OPEN
    empty = inspector.post(
        reverse("governance:recommendation_conclude", args=[item.pk]), {"note": ""}
    )
    assert empty.status_code == 302
    item.refresh_from_db()
    assert item.state == S.OPEN
    page = commune.get(url).content.decode()
    assert 'data-testid="done"' in page and 'data-testid="reopen"' not in page
    commune.post(
        reverse("governance:recommendation_answer", args=[item.pk]),
        {"note": "Đã bổ sung sổ.", "decision": "done"},
    )
    item.refresh_from_db()
    assert item.state == S.CLOSED and item.closed_by == world.commune_officer
    page = commune.get(url).content.decode()
    assert 'data-testid="answer"' not in page and 'data-testid="done"' not in page
    page = inspector.get(url).content.decode()
    assert 'data-testid="reopen"' in page and 'data-testid="close"' not in page
    inspector.post(
        reverse("governance:recommendation_conclude", args=[item.pk]),
        {"note": "Sổ chưa ký.", "decision": "reopen"},
    )
    item.refresh_from_db()
    assert item.state == S.OPEN
    listing = client_for(world.commune_officer).get(reverse("governance:inspection_list"))
    assert item.text in listing.content.decode()


def test_planning_through_the_form(world: World, client_for: ClientFor) -> None:
    client = client_for(world.coordinator)
    form = client.get(reverse("governance:inspection_create")).content.decode()
    assert world.commune.name in form and world.hamlet.name not in form
    response = client.post(
        reverse("governance:inspection_create"),
        {
            "place": world.province.pk,
            "title": "Kiểm tra giữa kỳ",
            "start_date": "2026-06-01",
            "end_date": "2026-06-30",
            "inspected_places": [world.commune.pk, world.other_commune.pk],
        },
    )
    inspection = InspectionPlan.objects.get()
    assert response.status_code == 302
    assert inspection.inspected_places.count() == 2
    visit = client.post(
        reverse("governance:visit_add", args=[inspection.pk]),
        {
            "date": "2026-06-10",
            "place": world.commune.pk,
            "members": "Ban Chỉ đạo",
            "findings": "Đạt yêu cầu.",
        },
    )
    assert visit.status_code == 302 and inspection.visits.count() == 1


def test_the_inspection_pages_cost_the_same_whatever_the_number_of_recommendations(
    world: World, client_for: ClientFor
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    item = factories.recommendation(world)
    urls = [
        reverse("governance:inspection_list"),
        reverse("governance:inspection_detail", args=[item.inspection_id]),
    ]

    def queries() -> list[int]:
        counts = []
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                assert client_for(world.commune_officer).get(url).status_code == 200
            counts.append(len(captured))
        return counts

    few = queries()
    for _ in range(8):
        answered = factories.recommendation(world)
        actions.answer_recommendation(
            actor=world.commune_officer, recommendation=answered, note="Đã làm."
        )
    assert queries() == few
