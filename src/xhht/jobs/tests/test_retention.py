"""Retention: uploaded sheets, export files and old job rows are deleted on schedule
(``xhht purge``), and a sheet goes as soon as its import no longer needs it."""

from __future__ import annotations

import datetime
import os
import time
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from xhht.jobs import runner
from xhht.jobs.models import Job
from xhht.registry.tests import workbooks
from xhht.testing.world import World

pytestmark = pytest.mark.django_db
HOUR = 3600


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.DATA_DIR = tmp_path
    settings.XHHT_JOBS_MODE = "inline"
    settings.XHHT_UPLOAD_RETENTION_HOURS = 24
    settings.XHHT_JOB_RETENTION_DAYS = 30
    return tmp_path / "media"


def stored(media: Path, name: str, *, hours_old: float) -> Path:
    path = media / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"PK\x03\x04 092185001234")
    then = time.time() - hours_old * HOUR
    os.utime(path, (then, then))
    return path


def job(world: World, *, state: str, hours_ago: float = 0, **fields: Any) -> Job:
    finished = timezone.now() - datetime.timedelta(hours=hours_ago)
    values = {
        "function": "xhht.registry.imports.jobs.run_import",
        "title": "Nhập",
        "created_by": world.commune_officer,
        "state": state,
        "finished_at": finished,
    } | fields
    return Job.objects.create(**values)


def purge() -> str:
    out = StringIO()
    call_command("purge", stdout=out)
    return out.getvalue()


def test_uploaded_sheets_go_after_the_retention_or_once_no_job_needs_them(
    world: World, media: Path
) -> None:
    def preview(token: str, *, ok: bool) -> dict[str, Any]:
        return {"arguments": {"token": token, "write": False}, "result": {"ok": ok}}

    waiting = stored(media, "imports/waiting.xlsx", hours_old=2)  # checked, not yet confirmed
    waiting_rows = stored(media, "imports/waiting.checked.json", hours_old=2)  # its checked rows
    job(world, state=Job.State.DONE, **preview("waiting", ok=True))
    forgotten = stored(media, "imports/forgotten.xlsx", hours_old=25)  # never confirmed
    job(world, state=Job.State.DONE, **preview("forgotten", ok=True))
    refused = stored(media, "imports/refused.xlsx", hours_old=1)  # its check found errors
    job(world, state=Job.State.DONE, **preview("refused", ok=False))
    interrupted = stored(media, "imports/interrupted.xlsx", hours_old=3)  # may be retried
    job(world, state=Job.State.FAILED, interrupted=True, **preview("interrupted", ok=False))
    orphan = stored(media, "imports/orphan.xlsx", hours_old=1)  # no job names it
    fresh = stored(media, "imports/fresh.xlsx", hours_old=0)  # its job is being created

    assert "Đã xóa 3 tệp nhập" in purge()
    assert waiting.exists() and waiting_rows.exists() and interrupted.exists() and fresh.exists()
    assert not forgotten.exists() and not refused.exists() and not orphan.exists()


def test_export_files_go_after_their_day_even_when_no_job_names_them(
    world: World, media: Path
) -> None:
    old = stored(media, "exports/1-old.xlsx", hours_old=25)
    named = job(
        world,
        state=Job.State.DONE,
        hours_ago=25,
        function="xhht.registry.exports.run_export",
        arguments={"kind": "person"},
        result={"file": "exports/1-old.xlsx"},
    )
    orphan = stored(media, "exports/2-orphan.xlsx", hours_old=30)  # its export died
    new = stored(media, "exports/3-new.xlsx", hours_old=1)
    purge()
    assert not old.exists() and not orphan.exists() and new.exists()
    named.refresh_from_db()
    assert named.result_value("file") is None


def test_finished_jobs_go_after_their_retention_with_their_files(world: World, media: Path) -> None:
    old = job(world, state=Job.State.DONE, hours_ago=31 * 24, arguments={"token": "gone"})
    recent = job(world, state=Job.State.FAILED, hours_ago=24, arguments={"token": "kept"})
    running = job(world, state=Job.State.RUNNING, hours_ago=40 * 24, arguments={})
    purge()
    assert not Job.objects.filter(pk=old.pk).exists()
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, running.pk}


def test_unconfirmed_plan_documents_go_after_the_retention(world: World, media: Path) -> None:
    old = stored(media, "plans/abc-ke-hoach.docx", hours_old=25)
    new = stored(media, "plans/def-ke-hoach.docx", hours_old=1)
    purge()
    assert not old.exists() and new.exists()


def test_uploads_spooled_by_a_killed_request_go_after_an_hour(
    world: World, media: Path, settings: Any, tmp_path: Path
) -> None:
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "spool")
    old = stored(tmp_path, "spool/tmpab12.upload.xlsx", hours_old=2)
    new = stored(tmp_path, "spool/tmpcd34.upload.xlsx", hours_old=0)
    purge()
    assert not old.exists() and new.exists()


def test_a_finished_import_leaves_no_sheet_behind(
    world: World, media: Path, client_for: Any
) -> None:
    officer = client_for(world.commune_officer)
    book = SimpleUploadedFile("ho.xlsx", workbooks.workbook(3, world.hamlet.name).getvalue())
    officer.post(reverse("registry:household_import"), {"place": world.commune.pk, "file": book})
    preview = Job.objects.latest("pk")
    # Kept for the confirmation: the sheet, and the rows its preview checked (issue 19).
    kept = sorted(p.name.split(".", 1)[1] for p in (media / "imports").iterdir())
    assert kept == ["checked.json", "xlsx"]
    officer.post(reverse("registry:import_confirm", args=[preview.pk]))
    assert Job.objects.latest("pk").state == Job.State.DONE
    assert list((media / "imports").iterdir()) == []


def test_a_job_that_breaks_leaves_no_sheet_behind(world: World, media: Path) -> None:
    sheet = stored(media, "imports/broken.xlsx", hours_old=0)
    broken = runner.enqueue(
        function="xhht.jobs.tests.scenario.broken_job",
        arguments={"token": "broken", "write": True},
        title="Lỗi",
        user=world.commune_officer,
    )
    runner.run(broken)
    assert Job.objects.get(pk=broken.pk).state == Job.State.FAILED
    assert not sheet.exists()
