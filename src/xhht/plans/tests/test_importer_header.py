"""Number, date and place of each seed plan; the Hà Nội plan has no number or date in its text."""

from __future__ import annotations

import datetime

import pytest

from xhht.plans.tests.test_importer_support import SEEDS, expected, proposal


@pytest.mark.parametrize("seed", SEEDS)
def test_number_date_and_place_are_read_off_the_header(seed: str) -> None:
    want, found = expected(seed), proposal(seed)
    assert found.number == want["number"]
    want_date = want["date"]
    assert found.date == (want_date if isinstance(want_date, datetime.date) else None)
    assert found.place == want["place"]


def test_the_title_follows_the_words_ke_hoach() -> None:
    assert proposal("001_cantho").title == (
        "Xây dựng xã hội học tập năm 2024 trên địa bàn thành phố Cần Thơ"
    )
    assert proposal("002_bencat").title.endswith("trên địa bàn thị xã Bến Cát")


def test_a_news_text_gives_the_year_of_the_plan_it_reports_not_a_date_or_a_period() -> None:
    from xhht.plans.importer.header import plan_year_from_body

    assert (
        plan_year_from_body(["Sở vừa có kế hoạch thực hiện công tác phổ cập giáo dục năm 2019."])
        == 2019
    )
    assert plan_year_from_body(["Kế hoạch số 5 ngày 3 tháng 4 năm 2019 về học tập."]) is None
    assert plan_year_from_body(["Kế hoạch xây dựng xã hội học tập giai đoạn 2021 - 2030."]) is None


def test_the_horizon_of_a_plan_named_at_length_in_the_lead() -> None:
    from xhht.plans.importer.header import plan_year_from_body

    lead = (
        "Chủ tịch tỉnh ký Quyết định ban hành Kế hoạch thực hiện Nghị quyết số 7 của Ban Thường "
        "vụ Tỉnh ủy về công tác khuyến học, khuyến tài, xây dựng xã hội học tập và phát triển "
        "nguồn nhân lực ở vùng sâu, vùng xa, vùng đồng bào dân tộc thiểu số đến năm 2030."
    )
    assert plan_year_from_body([lead]) == 2030
    assert plan_year_from_body([lead.replace("đến năm 2030", "giai đoạn 2026 - 2030")]) is None
