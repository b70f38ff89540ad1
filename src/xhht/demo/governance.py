"""The demo's governance work: the province's inspection of a commune and a body (a visit,
two recommendations to the commune, one of them overdue), budgets on a seed plan's tasks, and a
few communication activities; written through the app's actions, nothing written twice."""

from __future__ import annotations

import datetime

from xhht.accounts.models import Body, User
from xhht.demo import evidence
from xhht.governance import actions, budgets, communication
from xhht.governance.models import CommunicationActivity, InspectionPlan, Source
from xhht.places.models import Place
from xhht.plans.models import Plan
from xhht.reporting.models import Task

TITLE = "Kiểm tra việc thực hiện Kế hoạch xây dựng xã hội học tập"
#: (kind, title, days ago, audience): the commune's communication work of the last months.
ACTIVITIES = [
    (
        CommunicationActivity.Kind.BROADCAST,
        "Phát thanh về Tuần lễ hưởng ứng học tập suốt đời",
        40,
        3500,
    ),
    (
        CommunicationActivity.Kind.ARTICLE,
        "Tin bài trên trang thông tin điện tử của phường",
        25,
        1800,
    ),
    (
        CommunicationActivity.Kind.EVENT,
        "Ngày hội đọc sách tại Trung tâm học tập cộng đồng",
        12,
        420,
    ),
]
#: (source, planned, spent) on each of the body's first two seed tasks, in đồng.
TASK_BUDGETS = [
    [
        (Source.STATE_BUDGET, 120_000_000, 45_000_000),
        (Source.SOCIALISATION, 30_000_000, 12_500_000),
    ],
    [(Source.STATE_BUDGET, 80_000_000, 80_000_000), (Source.SPONSORSHIP, 15_000_000, 6_000_000)],
]


def seed_governance(
    *,
    province: Place,
    commune: Place,
    coordinator: User,
    commune_officer: User,
    body: Body,
    body_officer: User,
    today: datetime.date,
) -> int:
    """Write the demo's governance work once; returns how many records it wrote (0 on a rerun)."""
    if InspectionPlan.objects.filter(place=province, title=TITLE).exists():
        return 0
    written = 0
    plan = Plan.objects.filter(place=province, tasks__lead_body=body).order_by("pk").first()
    tasks = list(Task.objects.filter(plan=plan, lead_body=body).order_by("pk")[:2]) if plan else []
    steering = Body.objects.filter(place=province, kind=Body.Kind.STEERING_COMMITTEE).first()
    inspection = actions.plan_inspection(
        actor=coordinator,
        place=province,
        inspector_body=steering,
        title=TITLE,
        plan=plan,
        tasks=tasks,
        start_date=today - datetime.timedelta(days=60),
        end_date=today - datetime.timedelta(days=30),
        inspected_places=[commune],
        inspected_bodies=[body],
    )
    visit = actions.record_visit(
        actor=coordinator,
        inspection=inspection,
        date=today - datetime.timedelta(days=45),
        members="Ban Chỉ đạo xây dựng xã hội học tập thành phố; Sở Giáo dục và Đào tạo; Hội Khuyến học thành phố",
        findings=(
            f"{commune.name} đã ban hành kế hoạch năm, duy trì Trung tâm học tập cộng đồng; "
            "sổ theo dõi lớp học chưa cập nhật đầy đủ, chưa đánh giá Công dân học tập ở các khu vực."
        ),
        inspected_place=commune,
        evidence=evidence.minutes_pdf("Biên bản kiểm tra", commune.name, today.year),
    )
    for text, days in (
        ("Cập nhật đầy đủ sổ theo dõi các lớp học của Trung tâm học tập cộng đồng.", -10),
        ("Tổ chức đánh giá, công nhận Công dân học tập ở tất cả các khu vực.", 30),
    ):
        actions.recommend(
            actor=coordinator,
            inspection=inspection,
            visit=visit,
            text=text,
            deadline=today + datetime.timedelta(days=days),
            place=commune,
        )
    written += 4
    if plan is not None:
        year = min(max(today.year, plan.period_start), plan.period_end)
        for task, lines in zip(tasks, TASK_BUDGETS, strict=False):
            for source, planned, spent in lines:
                budgets.set_budget(
                    actor=body_officer,
                    plan=plan,
                    task=task,
                    year=year,
                    source=source,
                    planned=planned,
                    spent=spent,
                )
                written += 1
    for kind, title, days, audience in ACTIVITIES:
        communication.record_activity(
            actor=commune_officer,
            kind=kind,
            title=title,
            date=today - datetime.timedelta(days=days),
            audience=audience,
            place=commune,
        )
        written += 1
    return written
