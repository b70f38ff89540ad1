"""Leases: a job whose process died is failed with a message to its author, who may run it again;
a job whose process lives is never failed, however slow."""

from __future__ import annotations

import datetime
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from xhht.jobs import runner
from xhht.jobs.models import Job
from xhht.registry.models import Person
from xhht.registry.tests import workbooks
from xhht.testing.world import World

pytestmark = pytest.mark.django_db
MESSAGE = runner.interrupted_message()


@pytest.fixture(autouse=True)
def media_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.DATA_DIR = tmp_path
    settings.XHHT_JOBS_MODE = "inline"
    settings.XHHT_JOB_LEASE_SECONDS = 60


def dead_worker() -> str:
    """The lease of a process of this host that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return f"{socket.gethostname()}:{child.pid}:{int(timezone.now().timestamp())}:dead"


def running(world: World, *, worker: str, beat_seconds_ago: float, **fields: Any) -> Job:
    beat = timezone.now() - datetime.timedelta(seconds=beat_seconds_ago)
    values = {
        "function": "xhht.jobs.tests.scenario.slow_job",
        "arguments": {"seconds": 1},
        "title": "Tác vụ chậm",
        "created_by": world.commune_officer,
    } | fields
    return Job.objects.create(
        state=Job.State.RUNNING, worker=worker, heartbeat_at=beat, started_at=beat, **values
    )


def test_a_job_on_another_host_is_failed_only_once_its_lease_has_run_out(world: World) -> None:
    silent = running(world, worker="may-khac:4242:1:ab", beat_seconds_ago=61)
    beating = running(world, worker="may-khac:4243:1:cd", beat_seconds_ago=5)
    assert runner.recover() == 1
    silent.refresh_from_db()
    beating.refresh_from_db()
    assert (silent.state, silent.interrupted, silent.message) == ("failed", True, MESSAGE)
    assert silent.finished_at is not None and silent.retryable
    assert beating.state == Job.State.RUNNING


def test_a_job_of_a_dead_process_of_this_host_is_failed_at_once(world: World) -> None:
    job = running(world, worker=dead_worker(), beat_seconds_ago=1)
    assert runner.recover() == 1
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and job.interrupted


def test_a_slow_job_of_a_living_process_is_never_failed(world: World) -> None:
    alive = runner.worker_id()  # this very process
    job = running(world, worker=alive, beat_seconds_ago=3600)
    assert runner.recover() == 0
    job.refresh_from_db()
    assert job.state == Job.State.RUNNING


def test_a_claimed_job_holds_a_lease_renewed_by_its_progress(world: World) -> None:
    job = runner.enqueue(
        function="xhht.jobs.tests.scenario.slow_job",
        arguments={"seconds": 1},
        title="Tác vụ",
        user=world.commune_officer,
    )
    assert runner.claim(job)
    job.refresh_from_db()
    assert runner.worker_alive(job.worker) is True and job.heartbeat_at is not None
    Job.objects.filter(pk=job.pk).update(heartbeat_at=None)
    runner.Progress(job, step=1).advance(1)
    job.refresh_from_db()
    assert job.heartbeat_at is not None


def upload(client: Any, world: World) -> Job:
    book = SimpleUploadedFile("ho.xlsx", workbooks.workbook(5, world.hamlet.name).getvalue())
    client.post(reverse("registry:household_import"), {"place": world.commune.pk, "file": book})
    return Job.objects.latest("pk")


def test_an_import_whose_process_died_tells_its_author_and_its_confirm_button_runs_it_again(
    world: World, client_for: Any
) -> None:
    officer = client_for(world.commune_officer)
    preview = upload(officer, world)
    assert preview.state == Job.State.DONE and preview.result_value("ok")
    # The confirmed import was running in a web process that was then killed.
    confirmation = running(
        world,
        worker=dead_worker(),
        beat_seconds_ago=1,
        function=preview.function,
        arguments={**preview.arguments, "write": True, "preview": preview.pk},
        title="Nhập hộ gia đình",
    )
    page = officer.get(reverse("registry:import_job", args=[confirmation.pk]))
    text = page.content.decode()
    assert MESSAGE in text and 'data-testid="retry"' in text
    assert 'data-state="failed"' in text
    # Someone else: the same 404 as for a job that does not exist, and no retry.
    other = client_for(world.coordinator)
    assert other.post(reverse("jobs:retry", args=[confirmation.pk])).status_code == 404
    # The confirm button of the preview runs the interrupted import again, to the end.
    response = officer.post(reverse("registry:import_confirm", args=[preview.pk]))
    assert response["Location"] == reverse("registry:import_job", args=[confirmation.pk])
    confirmation.refresh_from_db()
    assert confirmation.state == Job.State.DONE, confirmation.message
    assert Person.objects.count() == 5
    assert Job.objects.count() == 2  # the same job ran again, no copy


def test_the_retry_button_runs_an_interrupted_job_again_once(world: World, client_for: Any) -> None:
    job = running(world, worker=dead_worker(), beat_seconds_ago=1)
    runner.recover()
    officer = client_for(world.commune_officer)
    url = reverse("jobs:retry", args=[job.pk])
    response = officer.post(url, {"next": "/registry/imports/1/"})
    assert response.status_code == 302 and response["Location"] == "/registry/imports/1/"
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.result == {"steps": 1}
    assert officer.post(url, {"next": "https://evil.example/"})["Location"] == "/"
    job.refresh_from_db()
    assert job.state == Job.State.DONE  # a second click changes nothing


def test_in_thread_mode_a_job_queued_for_a_whole_lease_lost_its_thread(
    world: World, settings: Any
) -> None:
    settings.XHHT_JOBS_MODE = "thread"
    old, new = (
        Job.objects.create(
            function="xhht.jobs.tests.scenario.slow_job",
            arguments={"seconds": 1},
            title="Tác vụ",
            created_by=world.commune_officer,
        )
        for _ in range(2)
    )
    Job.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(seconds=61))
    assert runner.refreshed(new).state == Job.State.QUEUED
    stranded = runner.refreshed(Job.objects.get(pk=old.pk))
    assert stranded.state == Job.State.FAILED and stranded.retryable
    assert runner.recover() == 0  # a worker never fails what waits in its queue
