"""In a real browser: two communes and the Sở file their yearly report, one is returned and sent
again, one is late; the coordinator sees the rates and gets a consolidated DOCX whose totals are
the sums of what was filed."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from typing import Any

import pytest
from docx import Document

from xhht.reporting.models import Submission
from xhht.reporting.tests.factories import make_period
from xhht.testing.browser import log_in
from xhht.testing.world import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BEFORE_DUE = datetime.datetime(2023, 12, 1, 2, tzinfo=datetime.UTC)
AFTER_DUE = datetime.datetime(2023, 12, 15, 2, tzinfo=datetime.UTC)


def file_report(page: Any, url: str, submission: Submission, values: list[int]) -> None:
    page.goto(f"{url}/reporting/reports/{submission.pk}/")
    page.get_by_role("link", name="Điền báo cáo").click()
    page.locator("textarea[name^=answer_]").fill(f"Kết quả của {submission.reporter_name()}.")
    inputs = page.locator("input[name^=value_]")
    for i, value in enumerate(values):
        inputs.nth(i).fill(str(value))
    page.get_by_role("button", name="Lưu và gửi").click()
    assert "Đã gửi báo cáo." in page.content()


def decide(page: Any, url: str, submission: Submission, *, comment: str = "") -> None:
    page.goto(f"{url}/reporting/reports/{submission.pk}/")
    if comment:
        page.get_by_text("Trả lại báo cáo").click()
        page.fill("textarea[name=comment]", comment)
        page.get_by_role("button", name="Trả lại", exact=True).click()
    else:
        page.get_by_role("button", name="Tiếp nhận").click()
    assert page.get_by_test_id("state").inner_text() in {"Đã tiếp nhận", "Bị trả lại"}


def test_reports_are_filed_returned_received_measured_and_consolidated(
    world: World, live_server: Any, new_page: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = live_server.url
    period = make_period(world)  # due 11/12/2023
    ninh_kieu = period.submissions.get(reporter_place=world.commune)
    cai_khe = period.submissions.get(reporter_place=world.other_commune)
    department = period.submissions.get(reporter_body=world.body)
    monkeypatch.setattr("xhht.reporting.actions.now", lambda: BEFORE_DUE)

    commune_page, other_page = new_page(width=360, height=740), new_page()
    body_page, coordinator = new_page(), new_page()
    log_in(commune_page, url, "commune_officer", PASSWORD)
    log_in(other_page, url, "other_officer", PASSWORD)
    log_in(body_page, url, "body_officer", PASSWORD)
    log_in(coordinator, url, "coordinator", PASSWORD)

    commune_page.goto(f"{url}/reporting/")
    assert "Phường Cái Khế" not in commune_page.get_by_test_id("to-file").inner_text()
    file_report(commune_page, url, ninh_kieu, [120, 4])
    file_report(other_page, url, cai_khe, [70, 3])

    decide(coordinator, url, cai_khe, comment="Số gia đình học tập chưa khớp.")
    other_page.goto(f"{url}/reporting/reports/{cai_khe.pk}/")
    assert "chưa khớp" in other_page.get_by_test_id("return-comment").inner_text()
    file_report(other_page, url, cai_khe, [80, 3])

    monkeypatch.setattr("xhht.reporting.actions.now", lambda: AFTER_DUE)
    file_report(body_page, url, department, [1500, 0])
    for submission in (ninh_kieu, cai_khe, department):
        decide(coordinator, url, submission)

    # The accepted report is locked for its reporter.
    commune_page.goto(f"{url}/reporting/reports/{ninh_kieu.pk}/edit/")
    assert "không sửa được" in commune_page.content()

    coordinator.goto(f"{url}/reporting/periods/{period.pk}/")
    total = coordinator.get_by_test_id("total")
    assert total.get_by_test_id("completeness").inner_text() == "100%"
    assert total.get_by_test_id("timeliness").inner_text() == "2/3 (66,7%)"

    coordinator.get_by_role("link", name="Lập báo cáo tổng hợp").click()
    coordinator.fill("input[name=number]", "15/BC-SGDĐT")
    coordinator.fill("input[name=signer_title]", "Giám đốc")
    coordinator.fill("input[name=signer_name]", "Nguyễn Văn A")
    coordinator.get_by_role("button", name="Tổng hợp").click()
    assert coordinator.get_by_test_id("progress-state").inner_text() == "Hoàn thành"
    with coordinator.expect_download() as download:
        coordinator.get_by_test_id("download-docx").click()
    document = Document(io.BytesIO(download.value.path().read_bytes()))
    figures = next(t for t in document.tables if t.rows[0].cells[1].text == "Chỉ tiêu")
    totals = {
        row.cells[1].text: Decimal(row.cells[3].text.replace(".", "")) for row in figures.rows[1:]
    }
    assert totals == {"Gia đình học tập": Decimal(120 + 80 + 1500), "Lớp tại TTHTCĐ": 7}
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in document.tables[0].cell(0, 1).text
