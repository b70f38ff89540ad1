"""The importer's rules on small made-up plans: horizons in one sentence, "duy trì", "trong đó",
bullets and marks, and the end of the plan."""

from __future__ import annotations

from decimal import Decimal

from xhht.plans.importer import propose

HEAD = "Số: 12/KH-UBND\n\nTỉnh Mẫu, ngày 02 tháng 01 năm 2025\n\nKẾ HOẠCH\n\nXây dựng xã hội học tập năm 2025\n\n"


def targets(body: str) -> list[tuple[str, int, Decimal | None, str, str | None]]:
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
