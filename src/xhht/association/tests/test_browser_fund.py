"""Issue 18's first "done when", in a real browser on a 360 px phone: the Hội Khuyến học officer of a
commune opens the commune's study-promotion fund, records a donation and a scholarship to a
pupil of the registry (found by a search typed without diacritics), downloads the year's fund
report, which balances (receipts − disbursements = closing − opening) in the XLSX and the DOCX,
and LibreOffice turns the DOCX into a PDF."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from xhht.association.models import FundEntry
from xhht.association.tests import fund_factories
from xhht.testing.browser import log_in
from xhht.testing.rendered import PDFTOTEXT, SOFFICE, docx_to_pdf
from xhht.testing.world import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _fits(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def _download(page: Any, test_id: str) -> bytes:
    with page.expect_download() as download:
        page.get_by_test_id(test_id).click()
    return Path(download.value.path()).read_bytes()


def test_a_commune_officer_records_a_donation_and_a_scholarship_and_the_report_balances(
    world: World, live_server: Any, new_page: Any, tmp_path: Path
) -> None:
    assert SOFFICE is not None, "LibreOffice (soffice) is needed for this test"
    branch = fund_factories.branch_at(world.commune)
    fund_factories.pupil(world, "Trần Thị Học")
    page = new_page(width=360, height=740)
    log_in(page, live_server.url, "association_officer", PASSWORD)

    page.goto(live_server.url + reverse("association:fund_list"))
    page.get_by_test_id("fund-create").click()
    page.select_option("select[name=branch]", str(branch.pk))
    page.fill("input[name=name]", "Quỹ khuyến học phường Ninh Kiều")
    page.get_by_role("button", name="Lập quỹ").click()
    assert "Đã lập quỹ." in page.content()
    _fits(page)

    page.get_by_test_id("receipt-add").click()
    page.fill("input[name=donor_name]", "Công ty TNHH Ánh Dương")
    page.fill("input[name=amount]", "5.000.000")
    page.fill("input[name=description]", "Ủng hộ học bổng năm học mới")
    page.get_by_role("button", name="Ghi khoản thu").click()
    year = timezone.localdate().year
    assert f"Đã ghi khoản thu PT {year}/1: 5.000.000 đ." in page.content()

    page.get_by_test_id("disbursement-add").click()
    page.fill("#party-q", "tran thi hoc")  # typed without diacritics
    page.get_by_test_id("party-search").click()
    results = page.get_by_test_id("party-results")
    results.get_by_text("Trần Thị Học").wait_for()
    _fits(page)
    results.get_by_label("Trần Thị Học", exact=False).check()
    page.select_option("select[name=purpose]", "scholarship")
    page.fill("input[name=amount]", "2.000.000")
    page.get_by_role("button", name="Ghi khoản chi").click()
    assert f"Đã ghi khoản chi PC {year}/1: 2.000.000 đ." in page.content()
    summary = page.get_by_test_id("year-summary").inner_text()
    assert "thu: 5.000.000 đ" in summary and "cuối năm: 3.000.000 đ" in summary
    _fits(page)
    paid = FundEntry.objects.get(kind="disbursement")
    assert paid.recipient is not None and paid.recipient.full_name == "Trần Thị Học"

    book = load_workbook(io.BytesIO(_download(page, "report-xlsx")))
    figures = {row[0]: row[1] for row in book["Tổng hợp"].iter_rows(min_row=3, values_only=True)}
    opening, closing = figures["Số dư đầu năm"], figures["Số dư cuối năm"]
    assert (figures["Tổng thu trong năm"], figures["Tổng chi trong năm"]) == (5_000_000, 2_000_000)
    assert 5_000_000 - 2_000_000 == closing - opening == 3_000_000  # type: ignore[operator]  # openpyxl cells

    docx = _download(page, "report-docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)
    assert "Tổng thu trong năm: 5.000.000 đồng." in text
    assert "Số dư cuối năm: 3.000.000 đồng." in text
    pdf = docx_to_pdf(docx, tmp_path)
    assert pdf.startswith(b"%PDF")
    if PDFTOTEXT is not None:
        source = tmp_path / "report.pdf"
        source.write_bytes(pdf)
        read = subprocess.run(  # noqa: S603 - the installed poppler, fixed arguments, our own file
            [PDFTOTEXT, str(source), "-"], check=True, capture_output=True, text=True
        ).stdout
        assert "Số dư cuối năm: 3.000.000 đồng." in " ".join(read.split())
