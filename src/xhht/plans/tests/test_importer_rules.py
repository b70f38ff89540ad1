"""The importer's rules on small made-up plans: horizons in one sentence, "duy trì", "trong đó",
bullets and marks, and the end of the plan."""

from __future__ import annotations

import time
from decimal import Decimal

from xhht.plans.importer import propose

HEAD = "Số: 12/KH-UBND\n\nTỉnh Mẫu, ngày 02 tháng 01 năm 2025\n\nKẾ HOẠCH\n\nXây dựng xã hội học tập năm 2025\n\n"


def targets(body: str) -> list[tuple[str | None, int, Decimal | None, str, str | None]]:
    found = propose(HEAD + body)
    return [(t.indicator, t.year, t.value, t.kind, t.parent) for t in found.targets]


def test_two_horizons_in_one_sentence() -> None:
    body = "II. MỤC TIÊU\n\n- Phấn đấu đến năm 2025 có 50% và đến năm 2030 có 70% số người trong độ tuổi lao động được trang bị kỹ năng sống.\n"
    assert targets(body) == [
        ("life_skills", 2025, Decimal(50), "percent", None),
        ("life_skills", 2030, Decimal(70), "percent", None),
    ]


def test_a_bare_number_after_a_horizon_keeps_the_indicator() -> None:
    body = "II. MỤC TIÊU\n\n+ Đến năm 2025 có 40% người lớn đạt danh hiệu “Công dân học tập”; đến năm 2030 là 60%.\n"
    assert targets(body) == [
        ("citizen_adults", 2025, Decimal(40), "percent", None),
        ("citizen_adults", 2030, Decimal(60), "percent", None),
    ]


def test_marks_bullets_and_the_plan_year() -> None:
    body = (
        "## **II. MỤC TIÊU**\n\n**1. Mục tiêu chung**\n\nĐến năm 2030 có 99% người dân học tập.\n\n"
        "**2. Mục tiêu cụ thể**\n\n  - + *Phấn đấu* đạt tỷ lệ **33,5%** gia đình đạt danh hiệu “Gia đình học tập”;\n"
        "- Duy trì 100% xã đạt chuẩn phổ cập giáo dục trung học cơ sở mức độ 2, trong đó 20% xã đạt mức độ 3.\n"
    )
    assert targets(body) == [
        ("family", 2025, Decimal("33.5"), "percent", None),
        ("pcgd_thcs_level2", 2025, Decimal(100), "maintain", None),
        ("pcgd_thcs_level3", 2025, Decimal(20), "percent", "pcgd_thcs_level2"),
    ]


def test_wording_outside_the_catalogue_is_proposed_without_an_indicator_not_guessed() -> None:
    body = "II. MỤC TIÊU\n\n- 80% hộ gia đình có nước sạch.\n- 95% trẻ em đi học đúng độ tuổi.\n"
    found = propose(HEAD + body).targets
    assert [(t.indicator, t.year, t.value, t.kind) for t in found] == [
        (None, 2025, Decimal(80), "percent"),
        (None, 2025, Decimal(95), "percent"),
    ]
    assert [t.label for t in found] == ["hộ gia đình có nước sạch", "trẻ em đi học đúng độ tuổi"]


def test_the_plan_ends_at_a_new_document_header() -> None:
    body = (
        "II. MỤC TIÊU\n\n- 60% dòng họ đạt danh hiệu “Dòng họ học tập”.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n\n1. Sở Tài chính\n\nBố trí kinh phí.\n\n"
        "UBND TỈNH MẪU\nSỞ XÂY DỰNG\n\nSố: 99/SXD\n\nII. MỤC TIÊU\n\n- 70% gia đình đạt danh hiệu “Gia đình học tập”.\n"
    )
    found = propose(HEAD + body)
    assert [t.indicator for t in found.targets] == ["clan"]
    assert [(t.body, t.text) for t in found.tasks] == [("Sở Tài chính", "Bố trí kinh phí.")]


def test_a_report_section_gives_sender_recipient_and_due() -> None:
    body = (
        "IV. CHẾ ĐỘ BÁO CÁO\n\n- Ủy ban nhân dân các huyện báo cáo Sở Giáo dục và Đào tạo kết quả "
        "thực hiện trước ngày 15/11/2025.\n"
    )
    report = propose(HEAD + body).reports[0]
    assert (report.from_, report.to, report.due) == (
        "Ủy ban nhân dân các huyện",
        "Sở Giáo dục và Đào tạo",
        "2025-11-15",
    )
    assert propose(HEAD + body).deadlines[0].date.isoformat() == "2025-11-15"


def test_to_json_is_plain_data() -> None:
    data = propose(
        HEAD + "II. MỤC TIÊU\n\n- 55,55% đơn vị đạt danh hiệu “Đơn vị học tập”.\n"
    ).to_json()
    assert data["targets"][0]["value"] == "55.55"
    assert data["date"] == "2025-01-02" and data["number"] == "12/KH-UBND"


# Targets read wherever the plan states them (issue 13): sentences, lead-ins, horizons.

NEWS = "Tỉnh Mẫu triển khai kế hoạch xây dựng xã hội học tập\n\n"


def found(text: str) -> list[tuple[str | None, int, Decimal | None, str]]:
    return [(t.indicator, t.year, t.value, t.kind) for t in propose(text).targets]


def test_a_plain_sentence_outside_any_objectives_heading_states_targets() -> None:
    text = NEWS + (
        "Mục tiêu cụ thể của Chương trình đến năm 2025 là 70% gia đình được công nhận danh hiệu "
        "“Gia đình học tập”, 50% dòng họ đạt danh hiệu “Dòng họ học tập”.\n"
    )
    assert found(text) == [
        ("family", 2025, Decimal(70), "percent"),
        ("clan", 2025, Decimal(50), "percent"),
    ]


def test_a_lead_in_paragraph_gives_its_horizon_to_the_bullets_under_it() -> None:
    body = (
        "II. MỤC TIÊU\n\nMục tiêu cụ thể đến năm 2025:\n\n"
        "- 70% gia đình đạt danh hiệu “Gia đình học tập”;\n\nĐến năm 2030:\n\n"
        "- 80% gia đình đạt danh hiệu “Gia đình học tập”.\n"
    )
    assert targets(body) == [
        ("family", 2025, Decimal(70), "percent", None),
        ("family", 2030, Decimal(80), "percent", None),
    ]


def test_an_aim_that_opens_with_its_horizon_governs_the_paragraphs_after_it() -> None:
    text = NEWS + (
        "Theo đó, mục tiêu phấn đấu đến năm 2030, 100% đơn vị cấp huyện đạt chuẩn phổ cập giáo "
        "dục trung học cơ sở mức độ 2.\n\n90% đơn vị cấp huyện đạt chuẩn xóa mù chữ mức độ 2.\n"
    )
    assert found(text) == [
        ("pcgd_thcs_level2", 2030, Decimal(100), "percent"),
        ("xmc_level2", 2030, Decimal(90), "percent"),
    ]


def test_a_task_that_restates_an_aim_is_a_task_when_the_plan_has_objectives() -> None:
    body = (
        "II. MỤC TIÊU\n\n- 60% dòng họ đạt danh hiệu “Dòng họ học tập”.\n\n"
        "III. NHIỆM VỤ VÀ GIẢI PHÁP\n\n- Phấn đấu đến năm 2025 có 70% gia đình đạt danh hiệu "
        "“Gia đình học tập”.\n"
    )
    assert [t[0] for t in targets(body)] == ["clan"]


def test_results_already_reached_are_not_targets() -> None:
    text = NEWS + (
        "Năm 2020, toàn tỉnh đã có 85% gia đình đạt danh hiệu “Gia đình học tập”. Hiện nay 12/17 "
        "huyện đạt chuẩn xóa mù chữ mức độ 2.\n"
    )
    assert found(text) == []


def test_a_count_of_places_keeps_its_denominator_and_dates_and_numbers_are_not_targets() -> None:
    text = NEWS + (
        "Thực hiện Quyết định số 1373/QĐ-TTg ngày 30/7/2021, tỉnh phấn đấu đến năm 2025 có 12/17 "
        "huyện đạt chuẩn xóa mù chữ mức độ 2 và 70 - 80% người trong độ tuổi lao động được trang "
        "bị kỹ năng sống.\n"
    )
    result = propose(text).targets
    assert [(t.indicator, t.year, t.value, t.kind, t.of) for t in result] == [
        ("xmc_level2", 2025, Decimal(12), "count", Decimal(17)),
        ("life_skills", 2025, Decimal(70), "percent", None),
    ]
    assert result[0].place_levels == ["district"]
    assert result[0].to_json()["of"] == "17" and result[0].to_json()["place_levels"] == ["district"]


def test_a_headline_restating_the_body_gives_one_target() -> None:
    text = (
        "Tỉnh Mẫu phấn đấu 90% đơn vị cấp huyện đạt chuẩn xóa mù chữ mức độ 2\n\n"
        "Theo kế hoạch, đến năm 2030, 90% đơn vị cấp huyện đạt chuẩn xóa mù chữ mức độ 2.\n"
    )
    assert found(text) == [("xmc_level2", 2030, Decimal(90), "percent")]


def test_a_year_after_a_number_is_its_own_and_a_bare_number_keeps_the_indicator() -> None:
    text = NEWS + (
        "Tỉnh đặt mục tiêu đến năm 2025, 40% người lớn trong gia đình học tập đạt danh hiệu "
        "“Công dân học tập” và phải đạt 60% vào năm 2030.\n"
    )
    assert found(text) == [
        ("citizen_adults", 2025, Decimal(40), "percent"),
        ("citizen_adults", 2030, Decimal(60), "percent"),
    ]


def test_one_number_for_a_list_of_standards_gives_one_target_each() -> None:
    text = NEWS + (
        "Mục tiêu đến năm 2025: 100% các huyện đạt chuẩn xóa mù chữ mức độ 2, duy trì phổ cập "
        "giáo dục mầm non cho trẻ 5 tuổi, đạt chuẩn phổ cập tiểu học mức độ 3.\n"
    )
    assert found(text) == [
        ("xmc_level2", 2025, Decimal(100), "percent"),
        ("pcgd_mn", 2025, Decimal(100), "maintain"),
        ("pcgd_th_level3", 2025, Decimal(100), "percent"),
    ]


def test_maintaining_a_count_of_places_and_a_standard_without_number() -> None:
    text = NEWS + (
        "Kế hoạch năm 2019: mục tiêu cụ thể là duy trì 8/8 huyện đạt chuẩn phổ cập giáo dục mầm "
        "non trẻ 5 tuổi; phấn đấu 1 huyện đạt chuẩn phổ cập giáo dục tiểu học mức độ 3.\n"
    )
    result = propose(text).targets
    assert [(t.indicator, t.year, t.value, t.kind, t.of) for t in result] == [
        ("pcgd_mn", 2019, Decimal(8), "maintain", Decimal(8)),
        ("pcgd_th_level3", 2019, Decimal(1), "count", None),
    ]


def test_respective_numbers_take_the_targets_of_the_sentence_before() -> None:
    text = NEWS + (
        "Phấn đấu đến năm 2025, 70% gia đình đạt danh hiệu “Gia đình học tập”, 50% dòng họ đạt "
        "danh hiệu “Dòng họ học tập”. Đến năm 2030, đạt 90% và 60% các chỉ tiêu tương ứng.\n"
    )
    assert found(text) == [
        ("family", 2025, Decimal(70), "percent"),
        ("clan", 2025, Decimal(50), "percent"),
        ("family", 2030, Decimal(90), "percent"),
        ("clan", 2030, Decimal(60), "percent"),
    ]


def test_a_second_number_for_the_same_indicator_is_proposed_without_indicator() -> None:
    text = NEWS + (
        "Phấn đấu đến năm 2020, 60% các tổ chức, cơ quan, trường học đạt danh hiệu “Đơn vị học "
        "tập”, 30% các doanh nghiệp đạt danh hiệu “Đơn vị học tập”.\n"
    )
    result = propose(text).targets
    assert [(t.indicator, t.value) for t in result] == [("unit", Decimal(60)), (None, Decimal(30))]
    assert result[1].label == "các doanh nghiệp đạt danh hiệu “Đơn vị học tập”"


def test_reading_targets_is_linear_in_the_number_of_sentences() -> None:
    """Every sentence an aim: the reader's CPU time grows with the text, not its square (the
    headline check compared every target with every other)."""
    from xhht.plans.importer.targets import find_targets

    def cpu(count: int) -> float:
        lines = [
            f"Phấn đấu đến năm 2025, {i % 90 + 1}% người lớn học tập thêm. " * 4
            for i in range(count)
        ]
        started = time.process_time()
        find_targets(lines, 2025, 2025)
        return time.process_time() - started

    small, large = cpu(300), cpu(2400)
    assert large < 8 * 3 * max(small, 0.01)  # 8 × the text: linear 8×, quadratic 64×


def test_a_lead_restating_a_target_in_other_words_is_not_a_second_target() -> None:
    text = NEWS + (
        "Theo đó, thành phố đặt mục tiêu đến năm 2020, có 70% gia đình trên địa bàn đạt danh "
        "hiệu “Gia đình hiếu học”.\n\nThành phố đặt mục tiêu 70% gia đình được công nhận danh "
        "hiệu “Gia đình học tập”, 50% dòng họ được công nhận “Dòng họ học tập”.\n"
    )
    assert found(text) == [
        ("family", 2020, Decimal(70), "percent"),
        ("clan", 2020, Decimal(50), "percent"),
    ]


def test_the_year_an_aim_names_before_its_number_is_the_number_s_horizon() -> None:
    text = NEWS + (
        "Tỉnh đặt mục tiêu năm 2015 có 80% và đến năm 2020 có 90% số người mới biết chữ tiếp "
        "tục học tập.\n"
    )
    assert [(t.year, t.value) for t in propose(text).targets] == [
        (2015, Decimal(80)),
        (2020, Decimal(90)),
    ]


def test_a_commune_plan_counts_its_hamlets_and_ranks_itself() -> None:
    body = (
        "I. MỤC TIÊU\n\n2. Mục tiêu cụ thể\n\na. Mục tiêu đến năm 2025:\n\n"
        "- 80% thôn được công nhận “Cộng đồng học tập”;\n"
        "- Xã được đánh giá, xếp loại “Cộng đồng học tập” cấp xã từ loại khá trở lên;\n"
    )
    assert targets(body) == [
        ("community", 2025, Decimal(80), "percent", None),
        ("commune_ranked", 2025, None, "yes_no", None),
    ]


def test_reaching_an_aim_is_a_result_and_setting_one_is_an_aim() -> None:
    """ "đạt mục tiêu" (reached) and "đặt mục tiêu" (set) fold to the same letters."""
    head = "Số: 1/KH-UBND\n\nTỉnh Mẫu, ngày 02 tháng 01 năm 2014\n\n"
    reached = (
        "Hiện nay, toàn tỉnh có 54% xã đạt mục tiêu phổ cập giáo dục mầm non cho trẻ 5 tuổi.\n"
    )
    aimed = "Tỉnh đặt mục tiêu 70% gia đình đạt danh hiệu “Gia đình học tập”.\n"
    assert found(head + reached) == []
    assert found(head + aimed) == [("family", 2014, Decimal(70), "percent")]


# Hard line wraps (a copy that breaks lines at a fixed width) and horizons stated once.


def test_a_line_wrapped_inside_a_name_is_one_target() -> None:
    body = (
        "II. MỤC TIÊU\n\n- Đến năm 2026, 90% cán bộ, hội viên Hội\n"
        "Khuyến học huyện được học tập quán triệt các tiêu chí của\n"
        "Mô hình “Công dân học tập”.\n"
    )
    assert targets(body) == [("khuyenhoc_trained", 2026, Decimal(90), "percent", None)]


def test_a_wrap_never_glues_bullets_headings_or_finished_lines() -> None:
    from xhht.plans.importer.structure import plan_lines

    text = (
        "II. NHIỆM VỤ VÀ\nGIẢI PHÁP\n3. Trách nhiệm của Hội\nHội Khuyến học huyện chủ trì.\n"
        "- Phối hợp với\n- Sở Tư pháp hướng dẫn các\nxã, phường.\n"
        "Tuyên truyền về mô hình “Gia đình học tập”\nBáo cáo kết quả về Phòng\nGiáo dục."
    )
    assert plan_lines(text) == [
        "II. NHIỆM VỤ VÀ",
        "GIẢI PHÁP",
        "3. Trách nhiệm của Hội",
        "Hội Khuyến học huyện chủ trì.",
        "- Phối hợp với",
        "- Sở Tư pháp hướng dẫn các xã, phường.",
        "Tuyên truyền về mô hình “Gia đình học tập”",
        "Báo cáo kết quả về Phòng Giáo dục.",
    ]


LEAD_2030 = (
    "Ủy ban nhân dân tỉnh vừa ban hành Kế hoạch thực hiện Nghị quyết số 12 của Tỉnh ủy về công "
    "tác khuyến học, khuyến tài, xây dựng xã hội học tập và phát triển nguồn nhân lực ở các xã "
    "vùng sâu, vùng xa, vùng đồng bào dân tộc thiểu số trên địa bàn tỉnh đến năm 2030.\n\n"
    "Kế hoạch nhằm tạo cơ hội học tập suốt đời cho mọi người dân.\n\n"
)


def test_the_horizon_of_the_lead_reaches_the_aims_paragraphs_below() -> None:
    text = (
        LEAD_2030
        + "Đối với xóa mù chữ, duy trì vững chắc kết quả xóa mù chữ; 80% các xã đạt chuẩn xóa "
        "mù chữ mức độ 2.\n\nNăm 2022, toàn tỉnh đã đạt 60% gia đình học tập.\n"
    )
    found = [(t.indicator, t.year, t.value, t.kind) for t in propose(text).targets]
    assert found == [("xmc_level2", 2030, Decimal(80), "percent")]


def test_paragraphs_that_open_with_their_topic_go_on_with_the_aims_before() -> None:
    text = (
        "Huyện Mẫu ban hành kế hoạch xây dựng xã hội học tập năm 2024\n\n"
        "Trong năm qua, huyện tổ chức nhiều lớp học.\n\n"
        "Về dòng họ: 20% dòng họ đạt danh hiệu “Dòng họ học tập”.\n\n"
        "Kế hoạch đặt ra mục tiêu về gia đình là: 65% gia đình đạt danh hiệu “Gia đình học tập”.\n\n"
        "Đối với dòng họ: 50% dòng họ đạt danh hiệu “Dòng họ học tập”.\n\n"
        "Về cộng đồng, 40% thôn đạt danh hiệu “Cộng đồng học tập”.\n\n"
        "Đối với đơn vị, năm 2023 đã có 30% đơn vị đạt danh hiệu “Đơn vị học tập”.\n"
    )
    found = [(t.indicator, t.year, t.value) for t in propose(text).targets]
    assert found == [
        ("family", 2024, Decimal(65)),
        ("clan", 2024, Decimal(50)),
        ("community", 2024, Decimal(40)),
    ]


def test_a_place_own_standard_is_apart_from_the_rate_of_its_communes() -> None:
    body = (
        "II. MỤC TIÊU\n\n- 100% xã đạt chuẩn phổ cập giáo dục mầm non cho trẻ em 5 tuổi; huyện "
        "đạt chuẩn phổ cập giáo dục mầm non cho trẻ em 5 tuổi.\n"
    )
    assert targets(body) == [
        ("pcgd_mn", 2025, Decimal(100), "percent", None),
        ("pcgd_mn", 2025, None, "yes_no", None),
    ]


def test_a_yearly_aim_takes_the_one_horizon_of_a_text_without_plan_year() -> None:
    yearly = "Mỗi năm, tỉnh phấn đấu thu hút ít nhất 12% số người chưa biết chữ đến lớp.\n\n"
    one = yearly + "Đến năm 2028, tỉnh đặt mục tiêu 95% trung tâm học tập cộng đồng có máy tính.\n"
    found = [(t.indicator, t.year, t.value) for t in propose(one).targets]
    assert found == [(None, 2028, Decimal(12)), ("clc_networked", 2028, Decimal(95))]
    two = one + "\nĐến năm 2030, tỉnh đặt mục tiêu 70% gia đình đạt danh hiệu “Gia đình học tập”.\n"
    assert all(t.value != Decimal(12) for t in propose(two).targets)


def test_numbers_that_end_their_clause_are_named_by_the_words_before_them() -> None:
    body = (
        "II. MỤC TIÊU\n\n- 100% số trẻ 6 tuổi vào lớp 1, số học sinh hoàn thành chương trình lớp 5 "
        "đạt tỷ lệ từ 97% trở lên, số thanh niên biết chữ đạt tỷ lệ trên 96,5%; không có lớp ghép.\n"
    )
    labels = [(t.value, t.label) for t in propose(HEAD + body).targets]
    assert labels == [
        (Decimal(100), "số trẻ 6 tuổi vào lớp 1"),
        (Decimal(97), "số học sinh hoàn thành chương trình lớp 5 đạt tỷ lệ từ"),
        (Decimal("96.5"), "số thanh niên biết chữ đạt tỷ lệ trên"),
    ]
