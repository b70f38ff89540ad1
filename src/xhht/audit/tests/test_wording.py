"""The trail in Vietnamese: step names, field labels, choice labels, Có/Không, local time."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.test import Client
from django.urls import reverse

from xhht.audit.wording import field_label, plain_text, step_label, value_text
from xhht.recognition.models import Assessment, Evidence
from xhht.recognition.tests.factories import family_assessment
from xhht.reporting.tests.factories import commune_submission
from xhht.testing.world import World


def test_step_codes_read_as_vietnamese_names() -> None:
    assert step_label("self_assess") == "Tự đánh giá"
    assert step_label("submit") == "Gửi báo cáo"
    assert step_label("accept") == "Tiếp nhận báo cáo"
    assert step_label("criteria.item_add") == "Thêm chỉ báo"
    assert step_label("import_households") == "Nhập hộ gia đình từ tệp"
    assert step_label("export-person") == "Xuất danh sách ra tệp"
    assert step_label("pii_preview:evaluation_sheet") == "Xem trước tệp có số CCCD"
    assert "_" not in step_label("something_new")


def test_fields_values_and_times_read_as_people_write_them() -> None:
    assert field_label(Assessment, "state") == "trạng thái"
    assert field_label(Assessment, "passed") != "passed"
    assert value_text(Assessment, "state", "recognised") == "Đã công nhận"
    assert value_text(Assessment, "passed", True) == "Có"
    assert value_text(Assessment, "passed", False) == "Không"
    assert value_text(Assessment, "passed", None) is None
    assert plain_text("2026-05-15T17:30:00+00:00") == "16/05/2026 00:30"  # Asia/Ho_Chi_Minh
    assert plain_text("2026-05-15") == "15/05/2026"
    assert plain_text(2026) == "2026"
    assert plain_text(12345) == "12.345"
    assert plain_text("7.50") == "7,5"
    assert plain_text({"1.1": {"points": "8", "note": ""}}) == "1.1 (điểm: 8)"


def test_an_assessments_history_and_the_audit_page_show_no_codes(
    world: World, client_for: Any
) -> None:
    assessment = family_assessment(world, state="self_assessed")
    client = client_for(world.commune_officer)
    detail = client.get(reverse("recognition:detail", args=[assessment.pk])).content.decode()
    assert "Đăng ký" in detail and "Tự đánh giá" in detail
    assert "self_assess" not in detail.split("Các bước đã thực hiện")[1]
    audit = client.get(reverse("audit:index")).content.decode()
    text = re.sub(r"<[^>]+>", " ", audit)
    assert "Tự đánh giá" in text
    assert "trạng thái" in text and "Đã tự đánh giá" in text
    for code in ("self_assess", "registered →", "None", "True", "False"):
        assert code not in text, code
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}", text)


def test_fields_without_a_label_read_as_who_and_when() -> None:
    assert field_label(Assessment, "registered_by") == "người đăng ký"
    assert field_label(Assessment, "reviewed_at") == "thời điểm thẩm định"
    assert field_label(Assessment, "person") == "công dân"
    assert field_label(Assessment, "decision") == "quyết định"


def test_the_public_verify_page_dates_the_decision_day_month_year(world: World) -> None:
    certificate = family_assessment(world, state="recognised").certificate
    page = Client().get(reverse("recognition:verify", args=[certificate.code])).content.decode()
    summary = page.split("<details>")[0]
    assert not re.search(r"\d{4}-\d{2}-\d{2}", summary)
    assert re.search(r"\(\d{2}/\d{2}/\d{4}\)", summary)


def test_a_reports_history_names_a_figure_without_none(world: World, client_for: Any) -> None:
    submission = commune_submission(world)
    figure = submission.figures.select_related("row").first()
    assert figure is not None
    figure.value = None
    assert "None" not in str(figure) and "=" not in str(figure)
    figure.value = Decimal("12.00")
    assert str(figure).endswith(": 12")


def test_a_stored_files_path_shows_as_its_name() -> None:
    assert value_text(Evidence, "file", "evidence/2026/ab12.pdf") == "ab12.pdf"
    assert field_label(Evidence, "content_type") == "loại tệp"
