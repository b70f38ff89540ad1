"""In a real browser on a 360 px phone: a citizen self-assesses for "Công dân học tập"."""

from __future__ import annotations

from typing import Any

import pytest

from xhht.criteria.models import Title
from xhht.recognition import actions
from xhht.recognition.models import Assessment, State
from xhht.recognition.tests.factories import decision_data, make_person, make_set
from xhht.recognition.tests.test_evidence import jpeg_bytes
from xhht.testing.browser import log_in
from xhht.testing.world import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_self_assesses_on_a_phone_and_downloads_the_certificate(
    world: World, live_server: Any, new_page: Any, tmp_path: Any, settings: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    make_set(world, Title.CITIZEN)
    make_person(world.hamlet, "Trần Thị Bình", user=world.citizen)
    page = new_page(width=360, height=740)
    log_in(page, live_server.url, "citizen", PASSWORD)

    page.goto(f"{live_server.url}/recognition/")  # the citizen lands on their own page
    assert page.url.endswith("/recognition/me/")
    page.get_by_test_id("register-citizen").click()
    assert page.get_by_test_id("state").inner_text() == "Đã đăng ký"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.select_option("select[name=item_code]", "2.1")
    page.set_input_files(
        "input[name=file]",
        {"name": "chung-chi.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()},
    )
    page.get_by_role("button", name="Tải lên").click()
    assert "Đã tải lên minh chứng" in page.content()
    page.select_option("select[name=group]", "nong_dan")
    page.fill("#points-1\\.1", "7")
    page.fill("#points-2\\.1", "6")
    page.get_by_test_id("submit-self-assessment").click()
    assert page.get_by_test_id("state").inner_text() == "Đã tự đánh giá"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # The hamlet reviews and proposes, the commune recognises; the citizen follows it.
    assessment = Assessment.objects.get()
    marks = {"1.1": {"points": "7"}, "2.1": {"points": "6"}}
    actions.review(actor=world.hamlet_head, assessment=assessment, marks=marks)
    actions.propose(actor=world.hamlet_head, assessment=assessment)
    actions.recognise(actor=world.commune_officer, assessments=[assessment], data=decision_data())
    page.reload()
    assert page.get_by_test_id("state").inner_text() == "Đã công nhận"
    assessment.refresh_from_db()
    assert assessment.state == State.RECOGNISED
    pdf = page.request.get(
        live_server.url + str(page.get_by_test_id("certificate").get_attribute("href"))
    )
    assert pdf.ok and pdf.body().startswith(b"%PDF")
