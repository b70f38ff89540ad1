"""In a real browser: a "Gia đình học tập" from registration to a certificate, then revoked."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from pypdf import PdfReader

from xhht.recognition.models import Assessment, State
from xhht.recognition.tests.factories import YEAR, make_household, make_set
from xhht.recognition.tests.test_evidence import jpeg_bytes
from xhht.testing.browser import log_in
from xhht.testing.world import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _state(page: Any) -> str:
    return str(page.get_by_test_id("assessment").get_attribute("data-state"))


def test_a_family_is_registered_returned_resubmitted_recognised_and_revoked(
    world: World, live_server: Any, new_page: Any, tmp_path: Any, settings: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    make_set(world)
    make_household(world.hamlet, code="HO-001", head="Nguyễn Văn An")
    head = new_page()
    log_in(head, live_server.url, "hamlet_head", PASSWORD)

    # Registration at the start of the year.
    head.goto(f"{live_server.url}/recognition/register/")
    head.select_option("select[name=title]", "family")
    head.fill("input[name=code]", "HO-001")
    head.fill("input[name=year]", str(YEAR))
    head.get_by_role("button", name="Đăng ký").click()
    assert _state(head) == "registered"

    # Self-assessment with a photo as evidence.
    head.select_option("select[name=item_code]", "1.1")
    head.set_input_files(
        "input[name=file]",
        {"name": "giay-khen.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()},
    )
    head.get_by_role("button", name="Tải lên").click()
    assert "Đã tải lên minh chứng" in head.content()
    head.fill("#points-1\\.1", "8")
    head.select_option("#met-1\\.2", "1")
    head.fill("#points-2\\.1", "7")
    head.get_by_test_id("submit-self-assessment").click()
    assert _state(head) == "self_assessed"
    assert head.get_by_role("link", name="giay-khen.jpg").count() == 1

    # The hamlet's review returns it with a message.
    head.fill("#return-reason", "Thiếu ảnh giấy chứng nhận học tập của người lớn")
    head.get_by_role("button", name="Trả lại để bổ sung").click()
    assert _state(head) == "returned"
    assert "Thiếu ảnh giấy chứng nhận" in head.get_by_test_id("return-message").inner_text()

    # Corrected and sent again; reviewed and proposed.
    head.fill("#points-2\\.1", "9")
    head.get_by_test_id("submit-self-assessment").click()
    assert _state(head) == "self_assessed"
    head.get_by_test_id("save-review").click()
    assert _state(head) == "reviewed"
    head.get_by_test_id("propose").click()
    assert _state(head) == "proposed"

    # The commune decides on its board.
    officer = new_page()
    log_in(officer, live_server.url, "commune_officer", PASSWORD)
    officer.goto(
        f"{live_server.url}/recognition/board/{world.commune.pk}/?title=family&year={YEAR}"
    )
    officer.fill("input[name=number]", "15/QĐ-UBND")
    officer.fill("input[name=date]", "2026-05-15")
    officer.fill("input[name=signer_name]", "Lê Văn Cường")
    officer.get_by_test_id("decide").click()
    assert "Đã ban hành quyết định công nhận 1 hồ sơ" in officer.content()

    # The certificate PDF carries the address of its verification page (its QR code).
    assessment = Assessment.objects.get()
    assert assessment.state == State.RECOGNISED
    pdf = officer.request.get(f"{live_server.url}/recognition/{assessment.pk}/certificate.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert "GIA ĐÌNH HỌC TẬP" in text
    match = re.search(r"/recognition/verify/([\w-]+)/", text.replace("\n", ""))
    assert match is not None

    public = new_page(width=360, height=740)  # anyone, not logged in, on a phone
    public.goto(f"{live_server.url}/recognition/verify/{match.group(1)}/")
    assert public.get_by_test_id("verify-status").get_attribute("data-status") == "valid"
    assert "Còn hiệu lực" in public.content()
    assert "Hộ Nguyễn Văn An" in public.content()

    # After revocation the same page says so.
    officer.goto(f"{live_server.url}/recognition/{assessment.pk}/")
    officer.fill("#revoke-reason", "Kê khai không đúng sự thật")
    officer.get_by_role("button", name="Thu hồi công nhận").click()
    assert _state(officer) == "revoked"
    public.reload()
    assert public.get_by_test_id("verify-status").get_attribute("data-status") == "revoked"
    assert "Đã bị thu hồi" in public.content()
