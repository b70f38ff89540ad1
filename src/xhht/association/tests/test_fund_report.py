"""The fund's papers opened back: the yearly report as XLSX (openpyxl) and DOCX (python-docx)
balances (receipts − disbursements = closing − opening, corrections included), and a receipt
says the amount in figures and in words."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.test import Client
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from xhht.association import funds
from xhht.association.funds_documents import in_words
from xhht.association.models import Fund, FundEntry
from xhht.association.tests import fund_factories as f
from xhht.testing.world import World

D = datetime.date


def _year_of_entries(world: World) -> Fund:
    """2024 leaves 1.000.000; 2025: 6.500.000 in (one lowered by 500.000), 3.000.000 out."""
    fund = f.fund(world)
    officer = world.association_officer
    pupil = f.pupil(world)
    funds.record_receipt(
        user=officer, fund=fund, donor="Bà Hoa", amount=1_000_000, date=D(2024, 5, 1)
    )
    first = funds.record_receipt(
        user=officer, fund=fund, donor="Công ty Mekong", amount=5_000_000, date=D(2025, 2, 1)
    )
    funds.record_receipt(
        user=officer, fund=fund, donor="Dòng họ Lê", amount=2_000_000, date=D(2025, 3, 1)
    )
    funds.correct_entry(
        user=officer, entry=first, new_amount=4_500_000, reason="Nhầm", date=D(2025, 3, 2)
    )
    funds.record_disbursement(
        user=officer,
        fund=fund,
        recipient=pupil,
        purpose="scholarship",
        amount=3_000_000,
        date=D(2025, 9, 5),
    )
    return fund


def _get(world: World, name: str, fund: Fund) -> bytes:
    client = Client()
    client.force_login(world.association_officer)
    response = client.get(reverse(name, args=[fund.pk, 2025]))
    assert response.status_code == 200
    return response.content


def test_the_yearly_xlsx_balances(world: World) -> None:
    fund = _year_of_entries(world)
    book = load_workbook(io.BytesIO(_get(world, "association:fund_report_xlsx", fund)))
    summary: dict[Any, Any] = {
        row[0]: row[1] for row in book["Tổng hợp"].iter_rows(min_row=3, values_only=True)
    }
    opening, receipts = summary["Số dư đầu năm"], summary["Tổng thu trong năm"]
    spent, closing = summary["Tổng chi trong năm"], summary["Số dư cuối năm"]
    assert (opening, receipts, spent, closing) == (1_000_000, 6_500_000, 3_000_000, 4_500_000)
    assert receipts - spent == closing - opening
    received = list(book["Các khoản thu"].iter_rows(min_row=3, values_only=True))
    assert [r[5] for r in received] == [5_000_000, 2_000_000, -500_000, 6_500_000]
    assert received[-1][2] == "Tổng cộng"
    paid = list(book["Các khoản chi"].iter_rows(min_row=3, values_only=True))
    assert paid[0][2] == "Trần Thị Học" and paid[-1][5] == 3_000_000


def test_the_yearly_docx_balances_in_the_nd30_layout(world: World) -> None:
    fund = _year_of_entries(world)
    document = Document(io.BytesIO(_get(world, "association:fund_report_docx", fund)))
    text = "\n".join(p.text for p in document.paragraphs)
    header = document.tables[0].cell(0, 1).text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header
    assert "Số dư đầu năm: 1.000.000 đồng." in text
    assert "Tổng thu trong năm: 6.500.000 đồng." in text
    assert "Tổng chi trong năm: 3.000.000 đồng." in text
    assert "Số dư cuối năm: 4.500.000 đồng." in text
    assert "= 3.500.000 đ" in text
    receipts = document.tables[1]
    assert [row.cells[4].text for row in receipts.rows[1:]] == [
        "5.000.000",
        "2.000.000",
        "−500.000",
        "6.500.000",
    ]


def test_a_receipt_says_the_amount_in_figures_and_in_words(world: World) -> None:
    fund = _year_of_entries(world)
    entry = FundEntry.objects.get(fund=fund, year=2025, number=1, kind="receipt")
    client = Client()
    client.force_login(world.association_officer)
    response = client.get(reverse("association:fund_entry_receipt", args=[entry.pk]))
    assert response.status_code == 200
    assert "phieu-thu-PT-2025-1.docx" in response["Content-Disposition"]
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "PHIẾU THU" in text and "Công ty Mekong" in text
    assert "Số tiền: 5.000.000 đồng." in text
    assert "(Viết bằng chữ: Năm triệu đồng.)" in text
    correction = FundEntry.objects.get(corrects=entry)
    assert (
        client.get(reverse("association:fund_entry_receipt", args=[correction.pk])).status_code
        == 404
    )


def test_amounts_in_words_read_as_a_vietnamese_cashier_writes_them() -> None:
    assert in_words(1_500_000) == "Một triệu năm trăm nghìn đồng"
    assert in_words(1_000_005) == "Một triệu không trăm linh năm đồng"
    assert in_words(215_000) == "Hai trăm mười lăm nghìn đồng"
    assert in_words(21_000) == "Hai mươi mốt nghìn đồng"
    assert in_words(2_000_000_000) == "Hai tỷ đồng"
    assert in_words(1_250_300_000) == "Một tỷ hai trăm năm mươi triệu ba trăm nghìn đồng"


def test_a_report_for_a_year_outside_the_funds_life_is_not_found(world: World) -> None:
    fund = f.fund(world)  # opened in 2024
    client = Client()
    client.force_login(world.association_officer)
    for year in (2023, 99_999_999):
        url = reverse("association:fund_report_xlsx", args=[fund.pk, year])
        assert client.get(url).status_code == 404
