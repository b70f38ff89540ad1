"""Evidence of a task's progress: checked by content like an assessment's, stored under a random
name, served only to whoever may see the task, and never half-saved on a full disk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from xhht.core.workflow import StepRefused
from xhht.reporting.actions import update_task
from xhht.reporting.models import Task, TaskUpdate
from xhht.reporting.tests.factories import make_task
from xhht.testing.disk import FULL_DISK
from xhht.testing.world import World

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 2000
DISK_FULL = "Máy chủ hết dung lượng lưu trữ; tệp chưa được lưu. Hãy báo quản trị viên."


@pytest.fixture
def media(tmp_path: Path, settings: Any) -> Path:
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def test_an_executable_named_pdf_is_refused_and_nothing_is_saved(world: World, media: Path) -> None:
    task = make_task(world)
    upload = SimpleUploadedFile("bao-cao.pdf", ELF, content_type="application/pdf")
    with pytest.raises(StepRefused, match="không phải ảnh"):
        update_task(
            actor=world.body_officer, task=task, status="done", note="Xong.", evidence=upload
        )
    task.refresh_from_db()
    assert task.status == Task.Status.NOT_STARTED
    assert not TaskUpdate.objects.exists() and _files(media) == []


def test_the_task_page_shows_the_refusal(world: World, media: Path, client_for: Any) -> None:
    task = make_task(world)
    upload = SimpleUploadedFile("bao-cao.pdf", ELF, content_type="application/pdf")
    response = client_for(world.body_officer).post(
        f"/reporting/tasks/{task.pk}/progress/",
        {"status": "done", "note": "Xong.", "evidence": upload},
        follow=True,
    )
    assert "không phải ảnh" in response.content.decode()
    assert not TaskUpdate.objects.exists()


def test_a_pdf_is_served_through_the_task_access_check_not_from_media(
    world: World, media: Path, client_for: Any
) -> None:
    task = make_task(world)
    upload = SimpleUploadedFile("Kết quả quý 3.pdf", PDF, content_type="application/pdf")
    update = update_task(
        actor=world.body_officer, task=task, status="done", note="Xong.", evidence=upload
    )
    assert "Kết quả" not in update.evidence.name and update.evidence.name.endswith(".pdf")
    assert update.evidence_type == "application/pdf"
    url = f"/reporting/tasks/progress/{update.pk}/evidence/"
    page = client_for(world.coordinator).get(f"/reporting/tasks/{task.pk}/").content.decode()
    assert url in page and "/media/" not in page
    response = client_for(world.coordinator).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert (
        "Kết quả quý 3.pdf" in response["Content-Disposition"]
        or "utf-8''" in (response["Content-Disposition"])
    )
    assert client_for(world.other_body_officer).get(url).status_code == 404
    assert client_for(world.outsider).get(url).status_code == 404


def test_a_full_disk_leaves_no_file_no_update_and_the_task_unchanged(
    world: World, media: Path, settings: Any
) -> None:
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": FULL_DISK}}
    task = make_task(world)
    upload = SimpleUploadedFile("bao-cao.pdf", PDF + b"%" * 4000 + b"\n%%EOF\n")
    with pytest.raises(StepRefused) as refused:
        update_task(
            actor=world.body_officer, task=task, status="done", note="Xong.", evidence=upload
        )
    assert refused.value.message == DISK_FULL
    task.refresh_from_db()
    assert task.status == Task.Status.NOT_STARTED
    assert not TaskUpdate.objects.exists() and _files(media) == []
