"""The consolidation runs as a background job: a consolidation whose process died is shown failed
to whoever opens it, never "đang chạy" forever."""

from __future__ import annotations

import socket
import subprocess
import sys
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from xhht.jobs import runner
from xhht.jobs.models import Job
from xhht.reporting import consolidate
from xhht.reporting.models import Consolidation
from xhht.reporting.tests.factories import make_consolidation, unsaved_consolidation
from xhht.testing.world import World

pytestmark = pytest.mark.django_db


def test_a_consolidation_is_built_by_a_job_of_its_author(world: World) -> None:
    consolidation = make_consolidation(world)
    job = Job.objects.get(function=consolidate.CONSOLIDATE_FUNCTION)
    assert job.arguments == {"consolidation": consolidation.pk}
    assert job.created_by == world.coordinator and job.state == Job.State.DONE
    assert consolidation.state == Consolidation.State.DONE


def test_a_consolidation_whose_process_died_is_shown_failed(
    world: World, client_for: Any, settings: Any
) -> None:
    settings.XHHT_JOBS_MODE = "worker"  # queued, then "taken" by a process that died
    consolidation = consolidate.start(
        actor=world.coordinator, consolidation=unsaved_consolidation(world)
    )
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    Job.objects.filter(function=consolidate.CONSOLIDATE_FUNCTION).update(
        state=Job.State.RUNNING,
        worker=f"{socket.gethostname()}:{child.pid}:1:x",
        heartbeat_at=timezone.now(),
    )
    Consolidation.objects.filter(pk=consolidation.pk).update(state=Consolidation.State.RUNNING)
    page = client_for(world.coordinator).get(
        reverse("reporting:consolidation_detail", args=[consolidation.pk])
    )
    assert page.status_code == 200
    consolidation.refresh_from_db()
    assert consolidation.state == Consolidation.State.FAILED
    assert consolidation.message == runner.interrupted_message()
    assert "hx-get" not in page.content.decode()  # the page stops polling
