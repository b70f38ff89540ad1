"""Evidence and the storage: a full disk leaves no file and no row, and two uploads at once never
pass the limit of files per assessment."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from xhht.recognition import actions
from xhht.recognition.actions.evidence import MAX_FILES_PER_ASSESSMENT
from xhht.recognition.models import Assessment, Evidence
from xhht.recognition.tests.factories import family_assessment
from xhht.recognition.tests.test_evidence import jpeg_bytes
from xhht.testing.disk import FULL_DISK, RACING_DISK, RacingDisk
from xhht.testing.world import World, build_world

DISK_FULL = "Máy chủ hết dung lượng lưu trữ; tệp chưa được lưu. Hãy báo quản trị viên."


@pytest.fixture
def media(tmp_path: Path, settings: Any) -> Path:
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def _use_storage(settings: Any, backend: str) -> None:
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": backend}}


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def _photo(size: tuple[int, int] = (400, 300)) -> SimpleUploadedFile:
    return SimpleUploadedFile("anh.jpg", jpeg_bytes(size), content_type="image/jpeg")


def _fill_to(assessment: Assessment, count: int) -> None:
    Evidence.objects.bulk_create(
        Evidence(
            assessment=assessment,
            item_code="1.1",
            file=f"evidence/old-{n}.jpg",
            original_name=f"old-{n}.jpg",
            content_type="image/jpeg",
            size=1,
            sha256="0" * 64,
        )
        for n in range(count)
    )


def test_a_full_disk_refuses_the_upload_and_leaves_no_file_and_no_row(
    world: World, media: Path, settings: Any
) -> None:
    assessment = family_assessment(world)
    _use_storage(settings, FULL_DISK)
    upload = _photo()
    assert upload.size and upload.size > 1024  # the disk fills up in the middle of the file
    with pytest.raises(actions.StepRefused) as refused:
        actions.add_evidence(
            actor=world.hamlet_head, assessment=assessment, item_code="1.1", upload=upload
        )
    assert refused.value.message == DISK_FULL
    assert _files(media) == []
    assert not Evidence.objects.exists()


def test_the_upload_page_says_the_disk_is_full_instead_of_failing(
    world: World, media: Path, settings: Any, client_for: Any
) -> None:
    assessment = family_assessment(world)
    _use_storage(settings, FULL_DISK)
    response = client_for(world.hamlet_head).post(
        f"/recognition/{assessment.pk}/evidence/",
        {"item_code": "1.1", "file": _photo()},
        follow=True,
    )
    assert response.status_code == 200
    assert DISK_FULL in response.content.decode()
    assert _files(media) == [] and not Evidence.objects.exists()


def test_an_upload_that_lands_while_another_is_written_is_counted_under_the_lock(
    world: World, media: Path, settings: Any
) -> None:
    assessment = family_assessment(world)
    _fill_to(assessment, MAX_FILES_PER_ASSESSMENT - 1)
    _use_storage(settings, RACING_DISK)
    # While this file is written, another upload of the same assessment is saved.
    RacingDisk.meanwhile = lambda: _fill_to(assessment, 1)
    try:
        with pytest.raises(actions.StepRefused, match="tối đa 60 minh chứng"):
            actions.add_evidence(
                actor=world.hamlet_head, assessment=assessment, item_code="1.1", upload=_photo()
            )
    finally:
        RacingDisk.meanwhile = None
    assert assessment.evidence.count() == MAX_FILES_PER_ASSESSMENT
    assert _files(media) == []  # the refused file was deleted


@pytest.mark.postgres
@pytest.mark.skipif(
    "postgresql" not in django_settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL (DATABASE_URL); SQLite serialises writers",
)
@pytest.mark.django_db(transaction=True)
def test_two_uploads_at_once_for_the_last_place_keep_the_limit(media: Path) -> None:
    world = build_world()
    assessment = family_assessment(world)
    _fill_to(assessment, MAX_FILES_PER_ASSESSMENT - 1)
    ready = threading.Barrier(2)
    outcomes: list[str] = []

    def upload() -> None:
        try:
            mine = Assessment.objects.select_related("place", "criteria_set").get(pk=assessment.pk)
            ready.wait(timeout=10)
            actions.add_evidence(
                actor=world.hamlet_head, assessment=mine, item_code="1.1", upload=_photo()
            )
            outcomes.append("ok")
        except actions.StepRefused as exc:
            outcomes.append("refused: " + exc.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=upload) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(o[:7] for o in outcomes) == ["ok", "refused"], outcomes
    assert assessment.evidence.count() == MAX_FILES_PER_ASSESSMENT
