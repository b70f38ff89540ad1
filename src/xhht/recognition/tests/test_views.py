"""The pages: stepping through the workflow, refusals with a message, access to evidence."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from xhht.recognition.models import Assessment, Evidence, State
from xhht.recognition.tests.factories import YEAR, family_assessment, make_household, make_set
from xhht.recognition.tests.test_evidence import ELF, jpeg_bytes
from xhht.testing.world import World


@pytest.fixture(autouse=True)
def _media(tmp_path: object, settings: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def test_an_executable_named_jpg_is_refused_with_a_clear_message(
    world: World, client_for: Any
) -> None:
    assessment = family_assessment(world)
    client = client_for(world.hamlet_head)
    upload = SimpleUploadedFile("anh.jpg", ELF, content_type="image/jpeg")
    response = client.post(
        reverse("recognition:evidence_upload", args=[assessment.pk]),
        {"item_code": "1.1", "file": upload},
        follow=True,
    )
    assert "không phải ảnh (JPEG, PNG) hay PDF" in response.content.decode()
    assert not Evidence.objects.exists()


def test_evidence_is_served_only_to_those_who_may_see_the_subject(
    world: World, client_for: Any
) -> None:
    assessment = family_assessment(world)
    client_for(world.hamlet_head).post(
        reverse("recognition:evidence_upload", args=[assessment.pk]),
        {"item_code": "1.1", "file": SimpleUploadedFile("a.jpg", jpeg_bytes())},
    )
    evidence = Evidence.objects.get()
    url = reverse("recognition:evidence", args=[evidence.pk])
    assert client_for(world.commune_officer).get(url).status_code == 200
    assert client_for(world.other_officer).get(url).status_code == 404
    assert client_for(world.citizen).get(url).status_code == 404  # not the citizen's household


def test_a_reviewer_acting_on_a_stale_page_is_told_it_changed(
    world: World, client_for: Any
) -> None:
    assessment = family_assessment(world, state="self_assessed")
    old_version = assessment.version
    client = client_for(world.hamlet_head)
    client.post(
        reverse("recognition:return", args=[assessment.pk]),
        {"reason": "Bổ sung ảnh", "version": old_version},
    )
    response = client.post(
        reverse("recognition:propose", args=[assessment.pk]), {"version": old_version}, follow=True
    )
    assert "vừa được người khác thay đổi" in response.content.decode()


def _sheet(rows: list[list[Any]]) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Mã hộ", "1.1", "1.2", "2.1", "Nhận xét"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("phieu.xlsx", buffer.getvalue())


def test_a_commune_imports_a_hamlet_sheet_and_decides_on_all_at_once(
    world: World, client_for: Any
) -> None:
    make_set(world)
    for n in range(1, 31):
        make_household(world.hamlet, code=f"HO-{n:03d}", head=f"Hộ số {n}")
    client = client_for(world.commune_officer)
    rows = [[f"HO-{n:03d}", 8, "đạt", 7 if n % 10 else 1, ""] for n in range(1, 31)]
    response = client.post(
        reverse("recognition:sheet_import"),
        {"title": "family", "year": YEAR, "hamlet": world.hamlet.pk, "file": _sheet(rows)},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Assessment.objects.filter(state=State.REVIEWED).count() == 30
    passed = list(Assessment.objects.filter(passed=True).values_list("pk", flat=True))
    assert len(passed) == 27
    board = reverse("recognition:board_propose", args=[world.commune.pk])
    client.post(board, {"title": "family", "year": YEAR, "ids": passed})
    decide = reverse("recognition:board_decide", args=[world.commune.pk])
    response = client.post(
        decide,
        {
            "title": "family",
            "year": YEAR,
            "ids": passed,
            "number": "20/QĐ-UBND",
            "date": "2026-05-15",
            "issuing_body": "Ủy ban nhân dân Phường Ninh Kiều",
            "place_name": "Ninh Kiều",
            "signer_position": "Chủ tịch",
            "signer_name": "Lê Văn Cường",
        },
    )
    assert response.status_code == 302
    assert Assessment.objects.filter(state=State.RECOGNISED).count() == 27


def test_a_sheet_with_a_bad_row_saves_nothing_and_says_which_row(
    world: World, client_for: Any
) -> None:
    make_set(world)
    make_household(world.hamlet, code="HO-001")
    make_household(world.hamlet, code="HO-002")
    response = client_for(world.commune_officer).post(
        reverse("recognition:sheet_import"),
        {
            "title": "family",
            "year": YEAR,
            "hamlet": world.hamlet.pk,
            "file": _sheet(
                [
                    ["HO-001", 8, "đạt", 7, ""],
                    ["HO-002", 12, "đạt", 7, ""],
                    ["HO-999", 1, "đạt", 1, ""],
                ]
            ),
        },
    )
    body = response.content.decode()
    assert "Dòng 3: Chỉ báo 1.1: điểm phải từ 0 đến 10." in body
    assert "Dòng 4: không tìm thấy “HO-999”" in body
    assert not Assessment.objects.exists()
