"""Job functions for tests, and the steps of test_worker_killed.py run as separate processes
against a file-based SQLite database (``python -m xhht.jobs.tests.scenario STEP``).

Each step prints one line of JSON for the test to read.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import django


def slow_job(job: Any, *, seconds: float) -> dict[str, Any]:
    """Sleeps, reporting progress each second; quick when ``XHHT_DATA_DIR/fast`` exists (the
    test's way of letting the retried run finish)."""
    from django.conf import settings

    from xhht.jobs.runner import Progress

    data_dir = Path(settings.DATA_DIR)
    progress = Progress(job, step=1)
    steps = 1 if (data_dir / "fast").exists() else int(seconds)
    progress.begin(steps, "Đang chạy chậm…")
    (data_dir / f"started-{job.pk}").touch()
    for done in range(1, steps + 1):
        time.sleep(1 if steps > 1 else 0)
        progress.advance(done)
    job.message = "Xong."
    return {"steps": steps}


def broken_job(job: Any, **arguments: Any) -> dict[str, Any]:
    raise RuntimeError("a bug")


def _setup() -> None:
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def enqueue() -> dict[str, Any]:
    from xhht.accounts.models import User
    from xhht.jobs import runner

    author = User.objects.create_user(username="tac_gia", password="x")
    job = runner.enqueue(
        function="xhht.jobs.tests.scenario.slow_job",
        arguments={"seconds": 120},
        title="Tác vụ chậm",
        user=author,
    )
    return {"job": job.pk}


def show(pk: int) -> dict[str, Any]:
    from xhht.jobs.models import Job

    job = Job.objects.get(pk=pk)
    return {
        "state": job.state,
        "message": job.message,
        "interrupted": job.interrupted,
        "worker": job.worker,
        "result": job.result,
    }


def retry_as_author(pk: int) -> dict[str, Any]:
    """The author's click on "Chạy lại" on the import's page, through the real view."""
    from django.test import Client
    from django.urls import reverse

    from xhht.jobs.models import Job

    job = Job.objects.get(pk=pk)
    client = Client()
    client.force_login(job.created_by)
    response = client.post(reverse("jobs:retry", args=[pk]), {"next": "/"})
    return {"status": response.status_code, **show(pk)}


def main(step: str, *args: str) -> None:
    if step == "prepare":  # the database, and a slow job queued by its author
        _setup()
        out: dict[str, Any] = enqueue()
    else:
        django.setup()
        out = show(int(args[0])) if step == "show" else retry_as_author(int(args[0]))
    from django.db import connection

    connection.close()
    sys.stdout.write(json.dumps(out) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
    sys.exit(0)
