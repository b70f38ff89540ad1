"""One self-assessment form: marks typed before a photo is uploaded are kept, a photo chosen
beside the marks is uploaded with them."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xhht.recognition.models import Evidence, State
from xhht.recognition.tests.factories import family_assessment
from xhht.recognition.tests.test_evidence import jpeg_bytes
from xhht.testing.browser import log_in
from xhht.testing.world import PASSWORD, World


@pytest.fixture(autouse=True)
def _media(tmp_path: object, settings: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def test_uploading_a_photo_keeps_the_marks_typed_before_it(world: World, client_for: Any) -> None:
    assessment = family_assessment(world)
    response = client_for(world.hamlet_head).post(
        reverse("recognition:evidence_upload", args=[assessment.pk]),
        {
            "version": assessment.version,
            "points-1.1": "8",
            "met-1.2": "1",
            "points-2.1": "",
            "note-1.1": "Có giấy xác nhận",
            "item_code": "1.1",
            "file": SimpleUploadedFile("giay.jpg", jpeg_bytes(), content_type="image/jpeg"),
        },
        follow=True,
    )
    assessment.refresh_from_db()
    assert assessment.answers["1.1"]["points"] == "8"
    assert assessment.answers["1.1"]["note"] == "Có giấy xác nhận"
    assert assessment.answers["1.2"]["met"] is True
    assert Evidence.objects.get().item_code == "1.1"
    body = response.content.decode()
    assert 'value="8"' in body and "Đã tải lên minh chứng" in body


def test_sending_the_form_with_a_photo_chosen_uploads_it_and_sends(
    world: World, client_for: Any
) -> None:
    assessment = family_assessment(world)
    client_for(world.hamlet_head).post(
        reverse("recognition:self_assess", args=[assessment.pk]),
        {
            "version": assessment.version,
            "points-1.1": "8",
            "met-1.2": "1",
            "points-2.1": "7",
            "item_code": "2.1",
            "file": SimpleUploadedFile("anh.jpg", jpeg_bytes(), content_type="image/jpeg"),
            "submit": "",
        },
    )
    assessment.refresh_from_db()
    assert assessment.state == State.SELF_ASSESSED
    assert Evidence.objects.get().item_code == "2.1"


def test_upload_without_a_file_still_keeps_the_draft(world: World, client_for: Any) -> None:
    assessment = family_assessment(world)
    response = client_for(world.hamlet_head).post(
        reverse("recognition:evidence_upload", args=[assessment.pk]),
        {"version": assessment.version, "points-1.1": "6", "item_code": "1.1"},
        follow=True,
    )
    assessment.refresh_from_db()
    assert assessment.answers["1.1"]["points"] == "6"
    assert "chưa chọn ảnh chụp hoặc tệp PDF" in response.content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_a_browser_the_typed_scores_survive_the_upload(
    world: World, live_server: Any, new_page: Any
) -> None:
    assessment = family_assessment(world)
    page = new_page(width=360, height=740)
    log_in(page, live_server.url, "hamlet_head", PASSWORD)
    page.goto(f"{live_server.url}{reverse('recognition:detail', args=[assessment.pk])}")
    page.fill("#points-1\\.1", "8")
    page.select_option("#met-1\\.2", "1")
    page.select_option("select[name=item_code]", "1.1")
    page.set_input_files(
        "input[name=file]",
        {"name": "giay-khen.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()},
    )
    page.get_by_role("button", name="Tải lên").click()
    assert "Đã tải lên minh chứng" in page.content()
    assert page.input_value("#points-1\\.1") == "8"
    assert page.input_value("#met-1\\.2") == "1"
