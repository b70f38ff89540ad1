"""Running jobs: inline, in a thread of the web process, or in a ``xhht run_jobs`` worker.

``XHHT_JOBS_MODE`` chooses: ``thread`` (the embedded default), ``inline`` (tests: the job has
finished when ``start`` returns) or ``worker`` (leave it queued for ``xhht run_jobs``). A job
function takes the job as its first argument plus the job's keyword arguments, reports
progress through ``Progress`` and returns a JSON-able result.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from xhht.jobs.models import Job

logger = logging.getLogger(__name__)


class JobFailed(Exception):
    """A job stopped with a message for the user (Vietnamese); nothing it did is kept."""


class Progress:
    """Writes the job's progress at most every ``step`` items (one small UPDATE each time)."""

    def __init__(self, job: Job, *, step: int = 2000) -> None:
        self.job, self.step, self._last = job, step, 0

    def begin(self, total: int, message: str) -> None:
        self.job.total, self.job.progress, self.job.message = total, 0, message[:300]
        Job.objects.filter(pk=self.job.pk).update(total=total, progress=0, message=message[:300])
        self._last = 0

    def advance(self, done: int) -> None:
        if done - self._last >= self.step:
            self._last = done
            self.job.progress = done
            Job.objects.filter(pk=self.job.pk).update(progress=done)


def enqueue(*, function: str, arguments: dict[str, Any], title: str, user: Any) -> Job:
    if not function.startswith("xhht."):
        raise ValueError(f"job functions live in the xhht package, not {function!r}")
    return Job.objects.create(
        function=function, arguments=arguments, title=title[:200], created_by=user
    )


def job_mode() -> str:
    default = "inline" if getattr(settings, "TESTING", False) else "thread"
    mode = getattr(settings, "XHHT_JOBS_MODE", "") or os.environ.get("XHHT_JOBS_MODE", default)
    if mode not in {"inline", "thread", "worker"}:
        raise ValueError(f"XHHT_JOBS_MODE must be inline, thread or worker, not {mode!r}")
    return mode


def start(job: Job) -> None:
    """Run the job as the configured mode says (see the module docstring)."""
    mode = job_mode()
    if mode == "inline":
        run(job)
    elif mode == "thread":
        threading.Thread(target=_run_in_thread, args=(job.pk,), daemon=True).start()


def _run_in_thread(pk: int) -> None:
    try:
        job = Job.objects.get(pk=pk)
        run(job)
    finally:
        connection.close()


def claim(job: Job) -> bool:
    """Mark a queued job as running; False when another runner took it first."""
    now = timezone.now()
    taken = Job.objects.filter(pk=job.pk, state=Job.State.QUEUED).update(
        state=Job.State.RUNNING, started_at=now
    )
    job.state, job.started_at = Job.State.RUNNING, now
    return taken == 1


def run(job: Job) -> bool:
    """Claim and run one job; False when another runner had already taken it."""
    if not claim(job):
        return False
    function: Callable[..., dict[str, Any]] = import_string(job.function)
    try:
        result = function(job, **job.arguments)
    except JobFailed as exc:
        _finish(job, Job.State.FAILED, str(exc), None)
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.function)
        _finish(job, Job.State.FAILED, _("Lỗi hệ thống khi xử lý; hãy báo quản trị viên."), None)
    else:
        _finish(job, Job.State.DONE, job.message, result)
    return True


def _finish(job: Job, state: str, message: str, result: dict[str, Any] | None) -> None:
    job.state, job.message, job.result = state, message[:300], result
    job.finished_at = timezone.now()
    job.save(update_fields=["state", "message", "result", "finished_at"])


def run_queued(*, limit: int | None = None) -> int:
    """Run queued jobs one after another (the worker's loop body); returns how many ran."""
    ran = 0
    for job in Job.objects.queued()[:limit]:
        close_old_connections()
        ran += run(job)
    return ran
