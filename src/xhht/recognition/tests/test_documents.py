"""The decision as DOCX and PDF, the certificate PDF and its public verification page."""

from __future__ import annotations

import io
import json
from typing import Any

from django.test import Client
from django.urls import reverse
from docx import Document
from nacl.signing import VerifyKey
from pypdf import PdfReader

from xhht.recognition import actions, signing
from xhht.recognition.documents.content import vn_date
from xhht.recognition.tests.factories import decision_data, family_assessment
from xhht.testing.world import World


def _decision_with_two(world: World) -> tuple[int, list[str]]:
    first = family_assessment(world, state="proposed", code="HO-001")
    second = family_assessment(world, state="proposed", code="HO-002")
    family_assessment(world, state="reviewed", code="HO-003")  # reviewed, not on the decision
    decision = actions.recognise(
        actor=world.commune_officer, assessments=[first, second], data=decision_data()
    )
    return decision.pk, [first.subject_name(), second.subject_name()]


def test_the_decision_docx_lists_exactly_the_recognised_subjects(
    world: World, client_for: Any
) -> None:
    pk, names = _decision_with_two(world)
    response = client_for(world.commune_officer).get(
        reverse("recognition:decision_docx", args=[pk])
    )
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = ["\n".join(c.text for r in t.rows for c in r.cells) for t in document.tables]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells[0]
    assert "Độc lập - Tự do - Hạnh phúc" in cells[0]
    assert "Số: 15/QĐ-UBND" in cells[0]
    assert "Ninh Kiều, ngày 15 tháng 5 năm 2026" in cells[0]
    assert "Về việc công nhận danh hiệu “Gia đình học tập” năm 2026" in text
    assert "Điều 1. Công nhận danh hiệu “Gia đình học tập” năm 2026 cho 2 hộ gia đình" in text
    annex = document.tables[-1]
    listed = [row.cells[1].text for row in annex.rows[1:]]
    assert sorted(listed) == sorted(names)


def test_the_decision_pdf_is_a_pdf_with_vietnamese_text(world: World, client_for: Any) -> None:
    pk, names = _decision_with_two(world)
    response = client_for(world.commune_officer).get(reverse("recognition:decision_pdf", args=[pk]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "QUYẾT ĐỊNH" in text and "Hạnh phúc" in text
    assert all(name in text for name in names)


def test_dates_are_written_as_nd30_asks() -> None:
    import datetime

    assert vn_date(datetime.date(2023, 5, 15)) == "ngày 15 tháng 5 năm 2023"
    assert vn_date(datetime.date(2023, 2, 5)) == "ngày 05 tháng 02 năm 2023"


def test_the_certificate_carries_a_qr_to_a_page_that_says_valid_then_revoked(
    world: World, client_for: Any
) -> None:
    assessment = family_assessment(world, state="recognised")
    certificate = assessment.certificate
    pdf = client_for(world.hamlet_head).get(
        reverse("recognition:certificate", args=[assessment.pk])
    )
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    page = Client().get(reverse("recognition:verify", args=[certificate.code]))
    assert page.status_code == 200
    assert 'data-status="valid"' in page.content.decode()
    assert "Còn hiệu lực" in page.content.decode()
    assert "CCCD" not in page.content.decode()
    actions.revoke(actor=world.commune_officer, assessment=assessment, reason="Sai sự thật")
    page = Client().get(reverse("recognition:verify", args=[certificate.code]))
    assert "Đã bị thu hồi" in page.content.decode()


def test_a_certificate_can_be_verified_offline_with_the_published_key(world: World) -> None:
    assessment = family_assessment(world, state="recognised")
    data = (
        Client()
        .get(reverse("recognition:verify", args=[assessment.certificate.code]), {"format": "json"})
        .json()
    )
    key = Client().get(reverse("recognition:public_key")).json()
    message = json.dumps(data["payload"], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    VerifyKey(bytes.fromhex(key["hex"])).verify(message.encode(), bytes.fromhex(data["signature"]))
    tampered = {**data["payload"], "holder": "Người khác"}
    assert not signing.verify(tampered, data["signature"])
