"""Objects the governance tests and matrix rows build on (``w.once(key, factory)``).

The world's province coordinator inspects ``world.commune`` and ``world.body`` (Sở GD&ĐT)."""

from __future__ import annotations

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from xhht.governance import actions, budgets, communication
from xhht.governance.models import (
    BudgetLine,
    CommunicationActivity,
    FollowUp,
    InspectionPlan,
    Recommendation,
    Source,
    Visit,
)
from xhht.plans.models import Plan
from xhht.reporting.models import Task
from xhht.testing.world import World

DAY = datetime.date(2026, 6, 1)


def inspection(w: World) -> InspectionPlan:
    return actions.plan_inspection(
        actor=w.coordinator,
        place=w.province,
        title="Kiểm tra thực hiện Kế hoạch xây dựng xã hội học tập năm 2026",
        start_date=DAY,
        end_date=DAY + datetime.timedelta(days=30),
        inspected_places=[w.commune],
        inspected_bodies=[w.body],
    )


def recommendation(w: World, *, deadline: datetime.date | None = None) -> Recommendation:
    return actions.recommend(
        actor=w.coordinator,
        inspection=w.once("gov_inspection", inspection),
        text="Cập nhật sổ theo dõi các lớp học của trung tâm học tập cộng đồng",
        deadline=deadline or DAY + datetime.timedelta(days=60),
        place=w.commune,
    )


def body_recommendation(w: World) -> Recommendation:
    return actions.recommend(
        actor=w.coordinator,
        inspection=w.once("gov_inspection", inspection),
        text="Ban hành hướng dẫn đánh giá Công dân học tập",
        deadline=DAY + datetime.timedelta(days=60),
        body=w.body,
    )


def answered(w: World) -> Recommendation:
    item = recommendation(w)
    actions.answer_recommendation(
        actor=w.commune_officer, recommendation=item, note="Đã cập nhật sổ theo dõi."
    )
    return item


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def evidence() -> SimpleUploadedFile:
    return SimpleUploadedFile("bien-ban.png", png(), content_type="image/png")


def follow_up(w: World) -> FollowUp:
    """The commune's answer to its recommendation, with a photo."""
    item = recommendation(w)
    return actions.answer_recommendation(
        actor=w.commune_officer,
        recommendation=item,
        note="Đã cập nhật sổ theo dõi.",
        evidence=evidence(),
    )


def visit(w: World) -> Visit:
    return actions.record_visit(
        actor=w.coordinator,
        inspection=w.once("gov_inspection", inspection),
        date=DAY,
        members="Ban Chỉ đạo thành phố",
        findings="Xã đã lập sổ theo dõi các lớp học.",
        inspected_place=w.commune,
        evidence=evidence(),
    )


def plan(w: World) -> Plan:
    return Plan.objects.create(
        place=w.province,
        number="74/KH-UBND",
        date=datetime.date(2026, 1, 5),
        issuer="Ủy ban nhân dân thành phố",
        period_start=2026,
        period_end=2030,
    )


def task(w: World) -> Task:
    return Task.objects.create(
        place=w.province,
        plan=w.once("gov_plan", plan),
        text="Tổ chức Tuần lễ hưởng ứng học tập suốt đời",
        lead_body=w.body,
    )


def budget_line(w: World) -> BudgetLine:
    return budgets.set_budget(
        actor=w.body_officer,
        plan=w.once("gov_plan", plan),
        task=w.once("gov_task", task),
        year=2026,
        source=Source.STATE_BUDGET,
        planned=150_000_000,
        spent=40_000_000,
    )


def activity(w: World) -> CommunicationActivity:
    return communication.record_activity(
        actor=w.commune_officer,
        kind=CommunicationActivity.Kind.BROADCAST,
        title="Phát thanh về Tuần lễ học tập suốt đời",
        date=DAY,
        audience=1200,
        place=w.commune,
    )
