"""``seed_demo``: work for every login, every title in every state, idempotent, quick."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db.models import F

from xhht import criteria
from xhht.accounts.models import User
from xhht.centres.models import Campaign, CampaignActivity, Centre, LearningClass, LearningEntry
from xhht.criteria.definition import parse_definition
from xhht.criteria.loading import sets_from_file
from xhht.criteria.models import CriteriaSet, Title
from xhht.demo.criteria import TEMPLATES, filled_definition
from xhht.demo.reporting import REPORT_NAME
from xhht.demo.seed import (
    DEMO_USERNAMES,
    demo_communes,
    seed_demo_population,
    seed_demo_work,
)
from xhht.demo.tests.demo_world import build_demo
from xhht.recognition.models import Assessment, Certificate, Decision, Evidence, State
from xhht.reporting.models import ReportingPeriod, Submission, Task, TaskUpdate
from xhht.site.work import work_for

SEEDED_STATES: set[str] = {
    State.REGISTERED,
    State.SELF_ASSESSED,
    State.RETURNED,
    State.REVIEWED,
    State.PROPOSED,
    State.RECOGNISED,
    State.REVOKED,
}


@pytest.mark.slow
@pytest.mark.django_db
def test_the_demo_gives_every_login_work_and_runs_twice(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    logins = build_demo()  # its time is a figure for make bench, not a goal of a test
    assert [login.username for login in logins] == DEMO_USERNAMES

    # Criteria: one usable Cần Thơ variant per title, completed and marked illustrative.
    variants = CriteriaSet.objects.filter(province__code="92", complete=True)
    assert {v.title for v in variants} == set(TEMPLATES)
    assert all(v.illustrative for v in variants)

    # Every title in every state, each with evidence once self-assessed.
    for title in TEMPLATES:
        states = set(Assessment.objects.filter(title=title).values_list("state", flat=True))
        assert states >= SEEDED_STATES, (title, SEEDED_STATES - states)
    sent = Assessment.objects.exclude(state=State.REGISTERED)
    assert not sent.filter(evidence__isnull=True).exists()
    assert Evidence.objects.filter(content_type="application/pdf").exists()

    # Decisions with their certificates; the revoked one still has its certificate.
    assert Decision.objects.filter(title=Title.FAMILY).count() == 1
    recognised = Assessment.objects.filter(state__in=[State.RECOGNISED, State.REVOKED])
    assert Certificate.objects.count() == recognised.count() > 5
    citizen = User.objects.get(username="congdan")
    mine = Assessment.objects.for_citizen(citizen)
    assert set(mine.values_list("state", flat=True)) == {State.RECOGNISED, State.REGISTERED}

    # Reporting: sent on time, sent late, returned, accepted, missing.
    period = ReportingPeriod.objects.get(report_type__name=REPORT_NAME)
    submissions = period.submissions.all()
    states = set(submissions.values_list("state", flat=True))
    assert states == {"draft", "submitted", "returned", "accepted"}
    late = submissions.filter(first_submitted_at__date__gt=F("period__due"))
    assert late.count() == 1
    assert submissions.filter(first_submitted_at__date__lte=F("period__due")).count() >= 5
    assert submissions.get(reporter_place__name="Phường Ninh Kiều").state == "returned"
    assert submissions.get(reporter_place__name="Phường Cái Khế").state == "draft"

    # The body officer works for a body with seed-plan tasks, one with progress.
    officer = User.objects.get(username="coquan")
    body = officer.role_assignments.get().body
    assert Task.objects.filter(lead_body=body, plan__isnull=False).exists()
    assert TaskUpdate.objects.filter(author=officer).count() == 1

    # Learning centres: each demo commune has its TTHTCĐ; the centre officer runs its classes.
    first, second = demo_communes()
    for commune in (first, second):
        assert Centre.objects.active().community_centres().filter(place=commune).count() == 1
    running = {w.key: w for w in work_for(User.objects.get(username="trungtam"))}["classes"]
    titles = [e.text for e in running.entries]
    assert "Lớp kỹ năng số cho người cao tuổi" in titles
    assert "Tiếng Anh giao tiếp cho thanh niên" in titles
    closed = LearningClass.objects.get(code="DEMO-XMC")
    assert closed.status == LearningClass.Status.CLOSED and closed.certificates_issued == 5
    lines = LearningEntry.objects.filter(participation__learning_class=closed)
    assert lines.count() == 6 and lines.filter(hours__gt=0, result="Đạt").count() == 5
    digital = LearningClass.objects.get(code="DEMO-KNS")
    assert digital.sessions.filter(attendances__isnull=True).count() == 1  # to mark
    assert LearningClass.objects.filter(place=second).exists()  # the generator's year
    # The citizen's declared courses (one of them a resource of the catalogue) wait for an
    # officer of the commune.
    declared = LearningEntry.objects.filter(person__user__username="congdan", kind="online_course")
    assert declared.count() == 2 and not declared.filter(confirmed_at__isnull=False).exists()

    # The lifelong-learning week: opened by the province; the first commune (with its classes)
    # and the body officer's body have sent what they did, the second commune has not.
    week = Campaign.objects.get(place__code="92", kind=Campaign.Kind.LIFELONG_LEARNING_WEEK)
    reports = {(r.place_id, r.body_id): r for r in week.activities.all()}
    assert body is not None
    assert set(reports) == {(first.pk, None), (None, body.pk)}
    assert all(r.state == CampaignActivity.State.SUBMITTED for r in reports.values())
    assert reports[(first.pk, None)].classes.filter(status=LearningClass.Status.CLOSED).exists()

    # Every login lands on something to do.
    for user in User.objects.filter(username__in=DEMO_USERNAMES):
        assert work_for(user), f"{user.username} has nothing to do"

    def counts() -> tuple[int, ...]:
        return (
            Assessment.objects.count(),
            Submission.objects.count(),
            TaskUpdate.objects.count(),
            Centre.objects.count(),
            LearningClass.objects.count(),
            LearningEntry.objects.count(),
            Campaign.objects.count(),
            CampaignActivity.objects.count(),
        )

    before = counts()
    seed_demo_work()
    seed_demo_population(only_demo_communes=True)
    assert counts() == before


def _shipped(code: str) -> dict[str, Any]:
    folder = Path(criteria.__file__).parent / "data"
    for path in sorted(folder.glob("*.yaml")):
        for data in sets_from_file(path):
            if data["code"] == code:
                return data
    raise AssertionError(code)


@pytest.mark.parametrize("title", list(TEMPLATES))
def test_filled_values_complete_each_template_and_keep_the_confirmed_ones(title: str) -> None:
    shipped = parse_definition(_shipped(TEMPLATES[title]))
    assert not shipped.is_complete()  # the template leaves values to the province
    filled = parse_definition(filled_definition(_shipped(TEMPLATES[title]), title=title))
    assert filled.missing_values() == []
    for item in shipped.items():
        if item.max_points is not None:  # confirmed points stay
            assert filled.item(item.code) is not None
            assert filled.item(item.code).max_points == item.max_points  # type: ignore[union-attr]
    if title == Title.CITIZEN:  # QĐ 324: 100 points, pass from 80, no indicator below 5
        assert filled.max_total() == 100 and filled.pass_mark == 80
        assert all(i.max_points is not None and i.max_points >= 5 for i in filled.items())
    if title == Title.FAMILY:  # QĐ 448: criteria 1 and 2 are worth 30 each
        assert [c.max_for(None) for c in filled.criteria[:2]] == [30, 30]
