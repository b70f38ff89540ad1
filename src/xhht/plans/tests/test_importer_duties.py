"""Sentence by sentence: each form of task deadline, of body name and of reporting duty the
importer reads (issue 13, points 3 and 4), in small plans written for the test."""

from __future__ import annotations

import datetime

import pytest

from xhht.plans.importer import PlanProposal, ReportProposal, propose
from xhht.plans.importer.bodies import abbreviations, level_of, normalise
from xhht.plans.importer.deadlines import read

D = datetime.date


@pytest.mark.parametrize(
    ("sentence", "kind", "date", "quarter", "year", "yearly"),
    [
        ("Xây dựng kế hoạch, hoàn thành trước ngày 10/9/2020.", "date", D(2020, 9, 10), None, None, None),
        ("Báo cáo trước ngày 11 tháng 12 năm 2023.", "date", D(2023, 12, 11), None, None, None),
        ("Ban hành quy chế, hoàn thành trước 30/6/2024.", "date", D(2024, 6, 30), None, None, None),
        ("Tổ chức hội nghị, hoàn thành trong quý III năm 2020.", "quarter", None, 3, 2020, None),
        ("Tổng kết vào quý IV/2030.", "quarter", None, 4, 2030, None),
        ("Hoàn thành trong quý III/2024.", "quarter", None, 3, 2024, None),
        ("Rà soát, hoàn thành trong tháng 01/2024.", "date", D(2024, 1, 31), None, None, None),
        ("Tổng kết 5 năm thực hiện trong năm 2020.", "date", D(2020, 12, 31), None, None, None),
        ("Hằng năm, trước ngày 01/12, gửi kết quả.", "yearly", None, None, None, (1, 12)),
        ("Định kỳ hàng năm (trước ngày 01 tháng 12) gửi kết quả.", "yearly", None, None, None, (1, 12)),
        ("Gửi kết quả trước ngày 15/12 hằng năm.", "yearly", None, None, None, (15, 12)),
        ("Thời gian thực hiện: Quý II/2025.", "quarter", None, 2, 2025, None),
        ("Thời hạn: 30/9/2024.", "date", D(2024, 9, 30), None, None, None),
        ("Rà soát từ tháng 3 đến hết tháng 6/2024.", "date", D(2024, 6, 30), None, None, None),
        ("Tiến độ: năm 2025.", "date", D(2025, 12, 31), None, None, None),
        ("Phù hợp quy hoạch của địa phương đến năm 2030.", "none", None, None, None, None),
        ("Tổ chức Tuần lễ học tập suốt đời hằng năm.", "none", None, None, None, None),
        ("Đẩy mạnh tuyên truyền về học tập suốt đời.", "none", None, None, None, None),
    ],
)  # fmt: skip  # a table: one case a row
def test_a_deadline_is_read_in_the_form_a_task_stores(
    sentence: str,
    kind: str,
    date: datetime.date | None,
    quarter: int | None,
    year: int | None,
    yearly: tuple[int, int] | None,
) -> None:
    found = read(sentence)
    assert (found.kind, found.date, found.quarter, found.year) == (kind, date, quarter, year)
    assert (found.yearly_day, found.yearly_month) == (yearly or (None, None))


def test_yearly_without_a_day_keeps_its_wording() -> None:
    assert read("Hằng năm, tổ chức Tuần lễ học tập suốt đời.").written == "hằng năm"


def test_a_plan_defines_its_abbreviations_and_they_are_written_out() -> None:
    text = (
        "Giao Sở Giáo dục và Đào tạo (sau đây gọi tắt là Sở GD&ĐT) chủ trì; Sở Lao động - "
        "Thương binh và Xã hội (Sở LĐTBXH) phối hợp."
    )
    defined = abbreviations(text)
    assert defined == {
        "Sở GD&ĐT": "Sở Giáo dục và Đào tạo",
        "Sở LĐTBXH": "Sở Lao động - Thương binh và Xã hội",
    }
    assert normalise("Sở GD&ĐT", defined) == "Sở Giáo dục và Đào tạo"
    assert normalise("UBND các quận, huyện") == "Ủy ban nhân dân các quận, huyện"
    assert normalise("Sở GDĐT", defined) == "Sở GDĐT"  # not defined: the plan's spelling


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("Ủy ban nhân dân quận, huyện và thành phố Thủ Đức", "district"),
        ("Ủy ban nhân dân các quận, huyện", "district"),
        ("UBND quận, huyện, thị xã", "district"),
        ("Ủy ban nhân dân các xã, phường", "commune"),
        ("Ủy ban nhân dân các xã, thị trấn", "commune"),
        ("Ủy ban nhân dân thị xã", ""),  # the plan's own town: one body
        ("Các sở, ban, ngành, Ủy ban nhân dân các quận, huyện", ""),  # a mixed list
        ("Liên đoàn Lao động thành phố", ""),
    ],
)
def test_a_body_that_stands_for_a_level(name: str, level: str) -> None:
    assert level_of(name) == level


def _plan(tasks: str = "", organisation: str = "", reporting: str = "") -> PlanProposal:
    return propose(
        "KẾ HOẠCH\nXây dựng xã hội học tập năm 2024\n"
        f"I. NHIỆM VỤ TRỌNG TÂM\n{tasks}\n"
        f"II. TỔ CHỨC THỰC HIỆN\n{organisation}\n"
        f"III. CHẾ ĐỘ BÁO CÁO\n{reporting}\n"
    )


def test_task_items_name_their_lead_and_supporting_bodies() -> None:
    found = _plan(
        tasks=(
            "1. Tuyên truyền\n"
            "a) Sở GD&ĐT chủ trì, phối hợp với Sở Văn hóa, Thể thao và Du lịch, UBND các huyện "
            "tổ chức Tuần lễ học tập suốt đời, hoàn thành trong quý III/2024.\n"
            "b) Biểu dương các gương điển hình.\n"
            "c) Triển khai Đề án thành phần do Hội Khuyến học tỉnh chủ trì.\n"
            "2. Nhân rộng mô hình “Gia đình học tập”, “Dòng họ học tập”.\n"
        ),
        organisation="Sở Giáo dục và Đào tạo (Sở GD&ĐT) là cơ quan thường trực.\n",
    )
    first, second, third, fourth, fifth = found.tasks
    assert (fifth.body, fifth.section) == ("Sở Giáo dục và Đào tạo", "organisation")
    assert (first.body, first.section, first.group) == (
        "Sở Giáo dục và Đào tạo",
        "tasks",
        "Tuyên truyền",
    )
    assert first.supporting == ["Sở Văn hóa, Thể thao và Du lịch", "Ủy ban nhân dân các huyện"]
    assert (first.deadline_kind, first.deadline_quarter, first.deadline_year) == (
        "quarter",
        3,
        2024,
    )
    assert found.body_levels["Ủy ban nhân dân các huyện"] == "district"
    assert (second.body, second.deadline_kind) == ("", "none")  # no body named: the officer picks
    assert third.body == "Hội Khuyến học tỉnh"
    assert fourth.text.startswith("Nhân rộng")  # a numbered item without items is a task


def test_a_task_links_the_targets_it_names() -> None:
    found = propose(
        "KẾ HOẠCH\nXây dựng xã hội học tập năm 2024\nI. MỤC TIÊU\n"
        "- 60% gia đình được công nhận “Gia đình học tập”.\n"
        "II. NHIỆM VỤ VÀ GIẢI PHÁP\n"
        "1. Nâng cao chất lượng đánh giá, công nhận “Gia đình học tập”.\n"
        "2. Tổ chức Tuần lễ học tập suốt đời.\n"
    )
    assert [target.indicator for target in found.targets] == ["family"]
    assert [task.targets for task in found.tasks] == [["family"], []]


def _duty(sentence: str) -> list[ReportProposal]:
    return _plan(reporting=f"- {sentence}\n").reports


def test_a_dated_one_off_report() -> None:
    (report,) = _duty(
        "Ủy ban nhân dân các huyện báo cáo kết quả thực hiện Kế hoạch năm 2023 về Sở Giáo dục và "
        "Đào tạo trước ngày 11/12/2023."
    )
    assert (report.frequency, report.year, report.reporter_level) == ("yearly", 2023, "district")
    assert report.receiver == report.receiver_body == "Sở Giáo dục và Đào tạo"
    assert report.due_dates(2023) == [D(2023, 12, 11)] and report.due_dates(2024) == []


def test_a_yearly_report_due_before_a_day() -> None:
    (report,) = _duty(
        "Ủy ban nhân dân các xã, thị trấn báo cáo Ủy ban nhân dân huyện (qua Phòng Giáo dục và "
        "Đào tạo) trước ngày 15/12 hằng năm."
    )
    assert (report.frequency, report.due_day, report.due_month) == ("yearly", 15, 12)
    assert (report.reporter_level, report.reporters) == ("commune", [])
    assert report.receiver == "Ủy ban nhân dân huyện"
    assert report.receiver_body == "Phòng Giáo dục và Đào tạo"
    assert report.due_dates(2025) == [D(2025, 12, 15)]


def test_a_report_due_in_january_of_the_next_year() -> None:
    (report,) = _duty(
        "Phòng Giáo dục và Đào tạo tổng hợp, báo cáo Ủy ban nhân dân huyện kết quả thực hiện "
        "hằng năm trong tháng 01 năm sau."
    )
    assert (report.frequency, report.year, report.due_next_year) == ("yearly", None, True)
    assert report.reporters == ["Phòng Giáo dục và Đào tạo"]
    assert report.due_dates(2024) == [D(2025, 1, 31)]


def test_six_monthly_and_yearly_with_two_days_are_two_yearly_reports() -> None:
    reports = _duty(
        "Định kỳ 6 tháng, hằng năm, các cơ quan, đơn vị báo cáo kết quả về Sở Giáo dục và Đào "
        "tạo trước ngày 15/6 và ngày 15/12."
    )
    assert [(r.name, r.frequency, r.due_dates(2024)) for r in reports] == [
        ("Báo cáo 6 tháng", "yearly", [D(2024, 6, 15)]),
        ("Báo cáo năm", "yearly", [D(2024, 12, 15)]),
    ]


def test_a_quarterly_report_due_days_after_the_quarter() -> None:
    (report,) = _duty(
        "Hằng quý, Phòng Giáo dục và Đào tạo báo cáo Sở Giáo dục và Đào tạo chậm nhất 10 ngày "
        "sau khi kết thúc quý; số liệu tính đến ngày 20/3."
    )
    assert (report.frequency, report.due_days_after) == ("quarterly", 10)
    assert (report.cutoff_day, report.cutoff_month) == (20, 3)
    assert report.due_dates(2024) == [
        D(2024, 4, 10),
        D(2024, 7, 10),
        D(2024, 10, 10),
        D(2025, 1, 10),
    ]


def test_a_periodic_report_without_its_period_is_kept_for_the_officer() -> None:
    (report,) = _duty("Sở Giáo dục và Đào tạo định kỳ báo cáo Ủy ban nhân dân tỉnh tình hình.")
    assert (report.frequency, report.due, report.due_dates(2024)) == ("", "", [])
    assert report.receiver == "Ủy ban nhân dân tỉnh"


@pytest.mark.parametrize(
    "sentence",
    [
        "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, báo cáo về Sở Giáo dục và Đào tạo.",
        "Tổ chức kiểm tra, giám sát và đánh giá, tổng hợp báo cáo theo quy định.",
    ],
)
def test_a_report_without_period_or_due_is_no_duty(sentence: str) -> None:
    assert _duty(sentence) == []


def test_a_duty_under_a_body_heading_is_that_body_s() -> None:
    found = _plan(
        organisation=(
            "1. Ủy ban nhân dân các xã, phường\n"
            "- Định kỳ hằng năm (trước ngày 01 tháng 12) gửi báo cáo về Phòng Giáo dục và Đào tạo.\n"
        )
    )
    (report,) = found.reports
    assert (report.reporter_level, report.receiver, report.due_month) == (
        "commune",
        "Phòng Giáo dục và Đào tạo",
        12,
    )


def test_tasks_under_a_numbered_heading_inside_another_part() -> None:
    found = propose(
        "KẾ HOẠCH\nXây dựng xã hội học tập năm 2024\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Triển khai kịp thời các nhiệm vụ được giao.\n"
        "II. MỤC TIÊU, NHIỆM VỤ\n1. Mục tiêu\n- 60% gia đình đạt “Gia đình học tập”.\n"
        "2. Nhiệm vụ trọng tâm\na) Phòng Giáo dục và Đào tạo tổ chức Tuần lễ học tập suốt đời.\n"
        "b) Nhân rộng mô hình “Gia đình học tập”.\n"
    )
    assert [(task.body, task.group, task.targets) for task in found.tasks] == [
        ("Phòng Giáo dục và Đào tạo", "Nhiệm vụ trọng tâm", []),
        ("", "Nhiệm vụ trọng tâm", ["family"]),
    ]


def test_two_days_a_year_and_the_data_cut_off() -> None:
    reports = _duty(
        "Phòng Giáo dục và Đào tạo báo cáo Sở Giáo dục và Đào tạo trước ngày 25/01 và 25/6 hằng "
        "năm; thời điểm chốt số liệu là 31/5."
    )
    assert [(r.name, r.due_day, r.due_month, r.cutoff_month) for r in reports] == [
        ("Báo cáo năm (hạn 25/01)", 25, 1, 5),
        ("Báo cáo năm (hạn 25/06)", 25, 6, 5),
    ]


def test_a_due_written_as_thoi_han() -> None:
    (report,) = _duty(
        "Ủy ban nhân dân cấp xã gửi báo cáo về Ủy ban nhân dân cấp huyện, thời hạn gửi báo cáo "
        "là 03/10 hằng năm."
    )
    assert (report.frequency, report.due_day, report.due_month) == ("yearly", 3, 10)
    assert (report.reporter_level, report.receiver) == ("commune", "Ủy ban nhân dân cấp huyện")
