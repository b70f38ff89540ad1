"""The confirm page turns a proposal into work: the officer edits or drops targets, tasks
(grouped by body) and report duties; one audited transaction saves the plan, the bodies it
names, its tasks and its report types, or nothing (real database, real upload, no mocks)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from xhht.accounts.models import Body
from xhht.audit.models import AuditEntry
from xhht.indicators.models import Indicator
from xhht.places.models import Level, Place, Succession
from xhht.plans.actions import BodyData, PlanData, PlanError, TargetData, TaskData, create_plan
from xhht.plans.forms import parse_deadline
from xhht.plans.models import Plan, Target
from xhht.progress.figures import plans_for
from xhht.reporting.models import ReportingPeriod, Submission, Task
from xhht.testing.clients import ClientFor
from xhht.testing.world import World

#: A short plan of Cần Thơ in the shape of the seed plans: two targets, three tasks of two
#: bodies (one dated by quarter), a report due on 15/12/2026 through the department.
PLAN_TEXT = """ỦY BAN NHÂN DÂN
THÀNH PHỐ CẦN THƠ

Số: 15/KH-UBND

Cần Thơ, ngày 10 tháng 01 năm 2026

KẾ HOẠCH

Xây dựng xã hội học tập năm 2026 trên địa bàn thành phố Cần Thơ

Thực hiện Kế hoạch số 74/KH-BCĐ ngày 04 tháng 5 năm 2024 của Ban Chỉ đạo Xây dựng xã hội học tập thành phố Cần Thơ, Ủy ban nhân dân thành phố ban hành Kế hoạch như sau:

I. MỤC TIÊU

1. Mục tiêu chung

Đẩy mạnh xây dựng xã hội học tập trên địa bàn thành phố.

2. Mục tiêu cụ thể năm 2026

- 70% gia đình được công nhận danh hiệu “Gia đình học tập”.

- 60% dòng họ được công nhận danh hiệu “Dòng họ học tập”.

II. TỔ CHỨC THỰC HIỆN

1. Sở Giáo dục và Đào tạo

a) Chủ trì, phối hợp với Sở Nội vụ hướng dẫn các phường, xã đánh giá, công nhận danh hiệu học tập, hoàn thành trong quý III năm 2026.

b) Tổ chức tập huấn cho cán bộ quản lý các trung tâm học tập cộng đồng.

2. Sở Nội vụ

Phối hợp với Sở Giáo dục và Đào tạo tham mưu khen thưởng các điển hình tiên tiến trong học tập.

III. CHẾ ĐỘ BÁO CÁO

Đề nghị các sở, ban, ngành thành phố căn cứ Kế hoạch này chủ động triển khai thực hiện; trước ngày 15 tháng 12 năm 2026 báo cáo Ủy ban nhân dân thành phố (thông qua Sở Giáo dục và Đào tạo) kết quả thực hiện Kế hoạch năm 2026.
"""


def upload(client: Client, place: Place, text: str = PLAN_TEXT) -> None:
    data = SimpleUploadedFile("ke-hoach-15.txt", text.encode("utf-8"), "text/plain")
    response = client.post(reverse("plans:import"), {"place": place.pk, "file": data})
    assert response.status_code == 302, response.content.decode()[:2000]


def form_data(page: Any) -> dict[str, Any]:
    """The values a browser would post from the confirm page as rendered."""
    data: dict[str, Any] = {}
    for form in [
        page.context["header"],
        page.context["parent"],
        *page.context["targets"],
        *page.context["tasks"],
        *page.context["reports"],
    ]:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            if isinstance(value, datetime.date):
                value = value.strftime("%d/%m/%Y")
            if hasattr(value, "pk"):
                value = value.pk
            data[field.html_name] = value
    for formset in ("targets", "tasks", "reports"):
        management = page.context[formset].management_form
        for field in management:
            data[field.html_name] = field.value()
    return data


def task_index(data: dict[str, Any], words: str) -> str:
    return next(k.split("-")[1] for k, v in data.items() if k.startswith("k-") and words in str(v))


@pytest.fixture
def coordinator(world: World, client_for: ClientFor) -> Client:
    return client_for(world.coordinator)


def test_the_confirmed_plan_gives_bodies_their_tasks_and_reports(
    world: World, coordinator: Client
) -> None:
    upload(coordinator, world.province)
    page = coordinator.get(reverse("plans:confirm"))
    html = page.content.decode()
    assert "Sở Nội vụ" in html and "tạo mới" in html and "đã có" in html
    data = form_data(page)
    training = task_index(data, "Tổ chức tập huấn")
    data[f"k-{training}-deadline"] = "quý IV/2026"  # corrected
    reward = task_index(data, "khen thưởng")
    del data[f"k-{reward}-keep"]  # dropped
    response = coordinator.post(reverse("plans:confirm"), data)
    assert response.status_code == 302, response.content.decode()[:3000]

    plan = Plan.objects.get(number="15/KH-UBND")
    tasks = Task.objects.filter(plan=plan)
    assert tasks.count() == 2
    assert {t.lead_body for t in tasks} == {world.body}  # the existing department, not a copy
    assert Body.objects.filter(place=world.province, name="Sở Giáo dục và Đào tạo").count() == 1
    guided = tasks.get(text__contains="hướng dẫn các phường")
    assert (guided.deadline_kind, guided.deadline_quarter, guided.deadline_year) == (
        "quarter",
        3,
        2026,
    )
    assert [b.name for b in guided.supporting_bodies.all()] == ["Sở Nội vụ"]
    trained = tasks.get(text__contains="tập huấn")
    assert (trained.deadline_quarter, trained.deadline_year) == (4, 2026)
    assert Body.objects.get(place=world.province, name="Sở Nội vụ").kind == Body.Kind.DEPARTMENT

    period = ReportingPeriod.objects.get(report_type__place=world.province)
    assert period.due == datetime.date(2026, 12, 15) and period.year == 2026
    assert period.report_type.receiver_body == world.body
    assert Submission.objects.filter(period=period, reporter_body=world.body).exists()

    # The department's officer sees its new tasks and the report it owes.
    assert set(Task.objects.visible_to(world.body_officer)) == set(tasks)
    assert Submission.objects.filed_by(world.body_officer).filter(period=period).count() == 1
    # One audit step for the confirmation, saying what was saved.
    step = AuditEntry.objects.get(step="plan_confirmed", object_id=str(plan.pk))
    assert step.after is not None and step.after["tasks"] == 2 and step.after["report_types"] == 1


def test_a_failing_task_leaves_no_plan(world: World) -> None:
    data = PlanData(
        place=world.province,
        number="16/KH-UBND",
        date=datetime.date(2026, 2, 1),
        issuer="UBND",
        title="Thử",
        period_start=2026,
        period_end=2026,
        targets=[TargetData(indicator="family", year=2026, value=Decimal(70), kind="percent")],
        bodies=[BodyData(name="Sở Nội vụ")],
        tasks=[
            TaskData(text="Việc một", lead="Sở Nội vụ"),
            TaskData(text="Việc hai", lead="Sở Không Có Trong Kế Hoạch"),
        ],
    )
    before = (Body.objects.count(), AuditEntry.objects.count())
    with pytest.raises(
        PlanError, match="Nhiệm vụ 2: không có cơ quan “Sở Không Có Trong Kế Hoạch”"
    ):
        create_plan(user=world.coordinator, data=data)
    assert not Plan.objects.filter(number="16/KH-UBND").exists()
    assert not Target.objects.exists() and not Task.objects.exists()
    assert (Body.objects.count(), AuditEntry.objects.count()) == before


def test_bad_input_is_refused_in_vietnamese(world: World, coordinator: Client) -> None:
    upload(coordinator, world.province)
    page = coordinator.get(reverse("plans:confirm"))
    data = form_data(page)
    training = task_index(data, "Tổ chức tập huấn")
    data[f"k-{training}-deadline"] = "sớm nhất có thể"
    data[f"k-{training}-lead"] = ""
    data["r-0-due"] = "31/02"
    response = coordinator.post(reverse("plans:confirm"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Thời hạn chưa rõ" in html
    assert "Nhập cơ quan chủ trì hoặc bỏ “Nhận”." in html
    assert "Hạn gửi ghi theo ngày/tháng" in html
    assert not Plan.objects.filter(number="15/KH-UBND").exists()


def test_deadlines_are_read_as_officers_write_them() -> None:
    assert parse_deadline("") == {"deadline_kind": "none"}
    assert parse_deadline("31/12/2026") == {
        "deadline_kind": "date",
        "deadline_date": datetime.date(2026, 12, 31),
    }
    assert parse_deadline("Quý iii/2026")["deadline_quarter"] == 3
    assert parse_deadline("quý 2 năm 2026")["deadline_quarter"] == 2
    assert parse_deadline("hằng năm, trước ngày 01/12") == {
        "deadline_kind": "yearly",
        "yearly_day": 1,
        "yearly_month": 12,
    }


def test_a_plan_is_linked_to_the_plan_it_carries_out_and_compared(
    world: World, coordinator: Client, client_for: ClientFor
) -> None:
    parent = Plan.objects.create(
        place=world.province,
        number="74/KH-BCĐ",
        date=datetime.date(2024, 5, 4),
        issuer="Ban Chỉ đạo",
        period_start=2024,
        period_end=2026,
    )
    family = Indicator.objects.get(code="family")
    Target.objects.create(plan=parent, indicator=family, year=2026, value=75, kind="percent")
    upload(coordinator, world.commune)
    page = coordinator.get(reverse("plans:confirm"))
    assert page.context["parent"].initial["parent"] == parent
    response = coordinator.post(reverse("plans:confirm"), form_data(page))
    assert response.status_code == 302
    child = Plan.objects.get(number="15/KH-UBND")
    assert child.parent == parent and child.place == world.commune

    html = client_for(world.coordinator).get(reverse("plans:detail", args=[parent.pk])).content
    text = html.decode()
    assert "Phường Ninh Kiều" in text and "15/KH-UBND" in text
    assert "75%" in text and "70%" in text  # the same indicator and year, side by side
    child_page = client_for(world.commune_officer).get(reverse("plans:detail", args=[child.pk]))
    assert "74/KH-BCĐ" in child_page.content.decode()


def test_a_plan_of_a_retired_unit_is_seen_through_its_successors(
    world: World, client_for: ClientFor
) -> None:
    old_province = Place.objects.create(
        level=Level.PROVINCE,
        code="74",
        name="Tỉnh Bình Dương",
        kind="tỉnh",
        valid_to=datetime.date(2025, 6, 30),
    )
    ben_cat = Place.objects.create(
        level=Level.DISTRICT,
        code="721",
        name="Thị xã Bến Cát",
        kind="thị xã",
        parent=old_province,
        valid_to=datetime.date(2025, 6, 30),
    )
    Succession.objects.create(
        predecessor=ben_cat, successor=world.commune, date=datetime.date(2025, 7, 1)
    )
    plan = Plan.objects.create(
        place=ben_cat,
        number="68/KH-UBND",
        issuer="UBND thị xã Bến Cát",
        period_start=2021,
        period_end=2030,
    )
    assert plan in Plan.objects.visible_to(world.commune_officer)
    assert plan in Plan.objects.visible_to(world.coordinator)
    assert plan not in Plan.objects.visible_to(world.other_officer)  # another ward
    assert plan not in Plan.objects.visible_to(world.outsider)
    page = client_for(world.commune_officer).get(reverse("plans:detail", args=[plan.pk]))
    html = page.content.decode()
    assert "Thị xã Bến Cát không còn" in html and "Phường Ninh Kiều" in html
    outsider = client_for(world.outsider)
    assert outsider.get(reverse("plans:detail", args=[plan.pk])).status_code == 404
    # Its progress is shown at the ward it continues as, not over the whole province.
    assert plan in plans_for(world.commune)
    assert plan not in plans_for(world.province) and plan not in plans_for(world.other_commune)
    dashboard = client_for(world.commune_officer).get(
        reverse("progress:dashboard", args=[world.commune.pk]) + f"?plan={plan.pk}"
    )
    assert dashboard.status_code == 200 and dashboard.context["board"].plan == plan


def test_a_plan_confirmed_after_its_sub_plans_adopts_them(world: World) -> None:
    child = create_plan(
        user=world.commune_officer,
        data=PlanData(
            place=world.commune,
            number="3/KH-UBND",
            date=datetime.date(2024, 6, 1),
            issuer="UBND phường Ninh Kiều",
            title="Thực hiện Kế hoạch số 74/KH-BCĐ ngày 04/5/2024 của Ban Chỉ đạo thành phố",
            period_start=2024,
            period_end=2024,
        ),
    )
    elsewhere = create_plan(
        user=world.outsider,
        data=PlanData(
            place=world.far_commune,
            number="9/KH-UBND",
            date=datetime.date(2024, 6, 1),
            issuer="UBND phường Hoàn Kiếm",
            title="Thực hiện Kế hoạch số 74/KH-BCĐ ngày 04/5/2024",
            period_start=2024,
            period_end=2024,
        ),
    )
    other_date = create_plan(
        user=world.commune_officer,
        data=PlanData(
            place=world.commune,
            number="4/KH-UBND",
            date=datetime.date(2024, 6, 2),
            issuer="UBND phường Ninh Kiều",
            title="Thực hiện Kế hoạch số 74/KH-BCĐ ngày 01/02/2023",
            period_start=2024,
            period_end=2024,
        ),
    )
    parent = create_plan(
        user=world.coordinator,
        data=PlanData(
            place=world.province,
            number="74/KH-BCĐ",
            date=datetime.date(2024, 5, 4),
            issuer="Ban Chỉ đạo",
            title="Xây dựng xã hội học tập năm 2024",
            period_start=2024,
            period_end=2024,
        ),
    )
    child.refresh_from_db()
    elsewhere.refresh_from_db()
    other_date.refresh_from_db()
    assert child.parent == parent
    assert elsewhere.parent is None  # another province's plan of the same number
    assert other_date.parent is None  # the same number, another date: another document
