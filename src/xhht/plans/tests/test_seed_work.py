"""``xhht load_seed_plans`` saves each seed's work: its bodies, their tasks, its report duties
(real database, the seed texts of ../shared/seeds). The counts come from reading the texts:
the HCM plan (1968/KH-UBND) arranges its "Tổ chức thực hiện" by 15 bodies and asks for a
report before 11/12/2023; the Hải Phòng plan (211/KH-UBND) dates two tasks by quarter
("hoàn thành trong quý III năm 2020", "… quý IV năm 2020")."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from xhht.accounts.models import Body
from xhht.places.models import Level, Place, Succession
from xhht.plans.models import Plan
from xhht.reporting.models import ReportingPeriod, ReportType, Submission, Task
from xhht.testing.world import World

#: The 15 numbered bodies of section V "Tổ chức thực hiện Đề án" of the HCM plan, each with a
#: words of one of its duties there.
HCM_BODIES = [
    ("Sở Giáo dục và Đào tạo", "Tổ chức các hoạt động hợp tác quốc tế"),
    ("Sở Lao động - Thương binh và Xã hội", "Nhân rộng các mô hình đào tạo"),
    ("Sở Thông tin và Truyền thông", "dịch vụ viễn thông công ích"),
    ("Sở Văn hóa và Thể thao", "thiết chế văn hóa - thể thao"),
    ("Sở Tài chính", "bố trí kinh phí năm 2023"),
    ("Sở Ngoại vụ", "hợp tác quốc tế trong lĩnh vực học tập suốt đời"),
    ("Bộ Tư lệnh Thành phố Hồ Chí Minh", "tiếng dân tộc thiểu số cho cán bộ Quân đội"),
    ("Công an Thành phố Hồ Chí Minh", "đào tạo nghề cho phạm nhân"),
    ("Liên đoàn Lao động Thành phố Hồ Chí Minh", "thành lập quỹ khuyến học"),
    ("Ban Dân tộc Thành phố", "cho trẻ em, người dân tộc thiểu số"),
    ("Các sở, ban, ngành Thành phố", "xếp loại Đơn vị học tập cấp thành phố"),
    ("Ban Tuyên giáo Thành ủy", "nhất là trong việc tuyên truyền"),
    ("Ủy ban Mặt trận Tổ quốc Thành phố Hồ Chí Minh", "phản biện xã hội"),
    ("Đài truyền hình Thành phố", "Xây dựng kho học liệu mở"),
    ("Ủy ban nhân dân quận, huyện và thành phố Thủ Đức", "Cân đối, bố trí ngân sách địa phương"),
]

#: Bến Cát's wards after 1/7/2025 (codes of the vietnam-provinces list).
BEN_CAT_WARDS = {
    "25813": "Phường Bến Cát",
    "25837": "Phường Chánh Phú Hòa",
    "25840": "Phường Long Nguyên",
    "25843": "Phường Tây Nam",
    "25846": "Phường Thới Hòa",
    "25849": "Phường Hòa Lợi",
}


def _provinces() -> tuple[Place, Place]:
    hcm = Place.objects.create(
        level=Level.PROVINCE, code="79", name="Thành phố Hồ Chí Minh", kind="thành phố"
    )
    for code, name in BEN_CAT_WARDS.items():
        Place.objects.create(level=Level.COMMUNE, code=code, name=name, kind="phường", parent=hcm)
    haiphong = Place.objects.create(
        level=Level.PROVINCE, code="31", name="Thành phố Hải Phòng", kind="thành phố"
    )
    return hcm, haiphong


@pytest.fixture
def loaded(world: World) -> str:
    _provinces()
    out = StringIO()
    call_command("load_seed_plans", stdout=out)
    return out.getvalue()


def _hcm() -> Plan:
    return Plan.objects.get(number="1968/KH-UBND")


def test_the_hcm_plan_gets_its_15_bodies_each_with_its_tasks(loaded: str) -> None:
    plan = _hcm()
    for name, words in HCM_BODIES:
        tasks = Task.objects.filter(plan=plan, lead_body__name__startswith=name)
        assert tasks.filter(text__contains=words).exists(), name
        assert {t.lead_body.place for t in tasks} == {plan.place}, name
    assert Task.objects.filter(plan=plan, lead_body__name="Sở Giáo dục và Đào tạo").count() >= 5
    # The five duties of "b) Hội Khuyến học" go to the association, not to the Front.
    association = Task.objects.filter(plan=plan, lead_body__name__startswith="Hội Khuyến học")
    assert association.count() >= 5
    assert {t.lead_body.kind for t in association} == {Body.Kind.ASSOCIATION}
    # A supporting body named in the text is linked when it is one of the plan's bodies.
    police = Task.objects.get(plan=plan, lead_body__name="Công an Thành phố Hồ Chí Minh")
    assert {b.name for b in police.supporting_bodies.all()} >= {
        "Sở Giáo dục và Đào tạo",
        "Sở Lao động - Thương binh và Xã hội",
    }
    # "Nhiệm vụ và giải pháp" items that name no body stay with the committee that issued
    # the plan, for it to hand on: none is lost.
    issuer = Task.objects.filter(plan=plan, lead_body__name=plan.issuer)
    assert issuer.count() >= 20
    assert {t.lead_body.kind for t in issuer} == {Body.Kind.PEOPLES_COMMITTEE}
    assert "giao cơ quan ban hành" in loaded


def test_the_hcm_plan_asks_every_body_for_the_report_due_on_11_12_2023(loaded: str) -> None:
    plan = _hcm()
    period = ReportingPeriod.objects.get(
        report_type__place=plan.place, due=datetime.date(2023, 12, 11)
    )
    assert period.year == 2023
    report_type = period.report_type
    assert report_type.receiver_body is not None
    assert report_type.receiver_body.name == "Sở Giáo dục và Đào tạo"  # "thông qua Sở …"
    owing = set(
        Submission.objects.filter(period=period).values_list("reporter_body__name", flat=True)
    )
    for name, _words in HCM_BODIES:
        assert any(owner.startswith(name) for owner in owing), name
    assert plan.issuer not in owing  # the committee receives it: it owes it to no one
    # The department's own consolidated report: "hoàn thành trong tháng 01 năm 2024".
    summary = ReportingPeriod.objects.get(
        report_type__place=plan.place, due=datetime.date(2024, 1, 31)
    )
    assert summary.year == 2023
    assert list(
        Submission.objects.filter(period=summary).values_list("reporter_body__name", flat=True)
    ) == ["Sở Giáo dục và Đào tạo"]


def test_the_hai_phong_plan_gets_its_two_tasks_dated_by_quarter(loaded: str) -> None:
    plan = Plan.objects.get(number="211/KH-UBND")
    quarters = Task.objects.filter(plan=plan, deadline_kind=Task.Deadline.QUARTER).order_by(
        "deadline_quarter"
    )
    assert [(t.deadline_quarter, t.deadline_year) for t in quarters] == [(3, 2020), (4, 2020)]
    assert quarters[0].lead_body.name.startswith("Các sở, ban, ngành, đơn vị")
    assert quarters[1].lead_body.name == "Sở Giáo dục và Đào tạo"
    assert "Tổng kết" in quarters[1].text or "tổng kết" in quarters[1].text
    assert quarters[1].deadline_label() == "quý IV năm 2020"


def test_the_can_tho_plan_uses_the_existing_department(world: World, loaded: str) -> None:
    plan = Plan.objects.get(number="74/KH-BCĐ")
    tasks = Task.objects.filter(plan=plan)
    assert tasks.filter(lead_body=world.body).count() >= 4  # the world's Sở Giáo dục và Đào tạo
    assert Body.objects.filter(place=world.province, name="Sở Giáo dục và Đào tạo").count() == 1
    assert tasks.count() >= 20


def test_the_ben_cat_plan_belongs_to_the_retired_town_shown_through_its_wards(
    loaded: str,
) -> None:
    plan = Plan.objects.get(number="68/KH-UBND")
    assert plan.place.name == "Thị xã Bến Cát" and not plan.place.is_current
    assert plan.place.level == Level.DISTRICT
    successors = Succession.objects.filter(predecessor=plan.place)
    assert {s.successor.code for s in successors} == set(BEN_CAT_WARDS)
    assert all(t.place == plan.place for t in Task.objects.filter(plan=plan))
    assert "Thị xã Bến Cát" in loaded and "Phường Bến Cát" in loaded


def test_loading_twice_adds_nothing(loaded: str) -> None:
    counts = (Plan.objects.count(), Task.objects.count(), ReportType.objects.count())
    out = StringIO()
    call_command("load_seed_plans", stdout=out)
    assert (Plan.objects.count(), Task.objects.count(), ReportType.objects.count()) == counts
    assert out.getvalue().count("đã có") == 5
