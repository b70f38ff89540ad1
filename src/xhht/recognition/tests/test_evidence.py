"""Evidence uploads: checked by content, refused with a clear message, stored, never half-saved."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image
from pytest_django import Settings

from xhht.recognition import actions
from xhht.recognition.models import Evidence
from xhht.recognition.tests.factories import family_assessment
from xhht.testing.world import World

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 2000  # an executable's first bytes


def jpeg_bytes(size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, format="JPEG")
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(tmp_path: object, settings: Settings) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def test_a_photo_is_stored_with_its_real_type(world: World) -> None:
    assessment = family_assessment(world)
    upload = SimpleUploadedFile("giay-khen.png", jpeg_bytes(), content_type="image/png")
    evidence = actions.add_evidence(
        actor=world.hamlet_head, assessment=assessment, item_code="1.1", upload=upload
    )
    assert evidence.content_type == "image/jpeg"  # by content, not by the name or the header
    assert evidence.file.name.endswith(".jpg")
    assert default_storage.exists(evidence.file.name)


def test_a_pdf_is_accepted(world: World) -> None:
    assessment = family_assessment(world)
    upload = SimpleUploadedFile("xac-nhan.pdf", pdf_bytes(), content_type="application/pdf")
    evidence = actions.add_evidence(
        actor=world.hamlet_head, assessment=assessment, item_code="2.1", upload=upload
    )
    assert evidence.content_type == "application/pdf"


def test_an_executable_renamed_to_jpg_is_refused(world: World) -> None:
    assessment = family_assessment(world)
    upload = SimpleUploadedFile("anh.jpg", ELF, content_type="image/jpeg")
    with pytest.raises(actions.StepRefused, match="không phải ảnh"):
        actions.add_evidence(
            actor=world.hamlet_head, assessment=assessment, item_code="1.1", upload=upload
        )
    assert not Evidence.objects.exists()


def test_a_truncated_photo_is_refused(world: World) -> None:
    assessment = family_assessment(world)
    upload = SimpleUploadedFile("anh.jpg", jpeg_bytes()[:200], content_type="image/jpeg")
    with pytest.raises(actions.StepRefused, match="hỏng"):
        actions.add_evidence(
            actor=world.hamlet_head, assessment=assessment, item_code="1.1", upload=upload
        )


@override_settings(XHHT_MAX_EVIDENCE_BYTES=1024 * 1024)
def test_an_oversized_file_is_refused_with_the_limit(world: World) -> None:
    assessment = family_assessment(world)
    big = jpeg_bytes() + b"\x00" * (1024 * 1024 + 1)
    upload = SimpleUploadedFile("anh.jpg", big, content_type="image/jpeg")
    with pytest.raises(actions.StepRefused, match=r"quá lớn.*tối đa 1 MB"):
        actions.add_evidence(
            actor=world.hamlet_head, assessment=assessment, item_code="1.1", upload=upload
        )
    assert not Evidence.objects.exists()


def test_evidence_cannot_be_added_after_submission(world: World) -> None:
    assessment = family_assessment(world, state="self_assessed")
    upload = SimpleUploadedFile("anh.jpg", jpeg_bytes(), content_type="image/jpeg")
    with pytest.raises(actions.StepRefused, match="đã gửi đi"):
        actions.add_evidence(
            actor=world.hamlet_head, assessment=assessment, item_code="1.1", upload=upload
        )
