"""Running jobs: inline, in a thread of the web process, or in a ``xhht run_jobs`` worker.

``XHHT_JOBS_MODE`` chooses: ``thread`` (the embedded default), ``inline`` (tests: the job has
finished when ``start`` returns) or ``worker`` (leave it queued for ``xhht run_jobs``). A job
function takes the job as its first argument plus the job's keyword arguments, reports
progress through ``Progress`` and returns a JSON-able result.

A running job holds a lease: ``worker`` names its process (host, pid, process start time) and
``heartbeat_at`` is renewed by ``Progress`` and by a heartbeat thread every
``XHHT_JOB_HEARTBEAT_SECONDS``. ``recover`` (run by every worker as it starts and in its loop,
by the first job a web process starts, and by the job's page) fails a job whose process is gone
(same host) or whose lease ran out (``XHHT_JOB_LEASE_SECONDS`` without a heartbeat, another
host) with a message to its author, who may ``retry`` it. A job writes its data in one
transaction, so a job that died wrote nothing.
"""

from __future__ import annotations

import datetime
import logging
import os
import secrets
import socket
import threading
from collections.abc import Callable
from typing import Any

import psutil
from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from xhht.audit.actions import record_step
from xhht.jobs import retention
from xhht.jobs.models import Job

logger = logging.getLogger(__name__)


class JobFailed(Exception):
    """A job stopped with a message for the user (Vietnamese); nothing it did is kept."""


def interrupted_message() -> str:
    return _(
        "Tác vụ bị dừng giữa chừng (máy chủ khởi động lại); không có dữ liệu nào được ghi. "
        "Hãy chạy lại."
    )


class Progress:
    """Writes the job's progress at most every ``step`` items (one small UPDATE each time, which
    renews the job's lease too)."""

    def __init__(self, job: Job, *, step: int = 2000) -> None:
        self.job, self.step, self._last = job, step, 0

    def begin(self, total: int, message: str) -> None:
        self.job.total, self.job.progress, self.job.message = total, 0, message[:300]
        Job.objects.filter(pk=self.job.pk).update(
            total=total, progress=0, message=message[:300], heartbeat_at=timezone.now()
        )
        self._last = 0

    def advance(self, done: int) -> None:
        if done - self._last >= self.step:
            self._last = done
            self.job.progress = done
            Job.objects.filter(pk=self.job.pk).update(progress=done, heartbeat_at=timezone.now())


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


_recovered_in_this_process = False


def start(job: Job) -> None:
    """Run the job as the configured mode says (see the module docstring)."""
    global _recovered_in_this_process
    mode = job_mode()
    if mode == "inline":
        run(job)
    elif mode == "thread":
        if not _recovered_in_this_process:  # the jobs of a web process that died before this one
            _recovered_in_this_process = True
            recover(stranded=True)
        threading.Thread(target=_run_in_thread, args=(job.pk,), daemon=True).start()


def _run_in_thread(pk: int) -> None:
    try:
        job = Job.objects.get(pk=pk)
        run(job)
    finally:
        connection.close()


# --- the lease ----------------------------------------------------------------------------------


def worker_id() -> str:
    """This process as a lease holder: host, pid and process start time, and a nonce per run."""
    started = int(psutil.Process().create_time())
    return f"{socket.gethostname()}:{os.getpid()}:{started}:{secrets.token_hex(4)}"


def worker_alive(worker: str) -> bool | None:
    """Whether the process that holds a lease still runs: known on this host (a pid reused by
    another process does not count), ``None`` for another host, where only the lease tells."""
    parts = worker.rsplit(":", 3)
    if len(parts) != 4 or parts[0] != socket.gethostname():
        return None
    try:
        process = psutil.Process(int(parts[1]))
        return (
            int(process.create_time()) == int(parts[2]) and process.status() != psutil.STATUS_ZOMBIE
        )
    except (psutil.NoSuchProcess, ValueError):
        return False
    except psutil.AccessDenied:  # another user's process: alive
        return True


def _lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=getattr(settings, "XHHT_JOB_LEASE_SECONDS", 60))


def is_dead(job: Job, now: datetime.datetime | None = None) -> bool:
    if job.state != Job.State.RUNNING:
        return False
    alive = worker_alive(job.worker)
    if alive is not None:
        return not alive
    beat = job.heartbeat_at or job.started_at
    return beat is None or beat < (now or timezone.now()) - _lease()


def recover(*, pk: int | None = None, stranded: bool = False) -> int:
    """Fail the running jobs whose process is gone (all, or the job ``pk``); how many.

    ``stranded`` (a web process in thread mode, where no worker runs the queue): a job still
    queued after a whole lease lost its thread with the process before it began.
    """
    now = timezone.now()
    running = Job.objects.filter(state=Job.State.RUNNING)
    failed = 0
    if stranded:
        waiting = Job.objects.filter(state=Job.State.QUEUED, created_at__lt=now - _lease())
        failed += (waiting.filter(pk=pk) if pk is not None else waiting).update(
            state=Job.State.FAILED,
            interrupted=True,
            message=interrupted_message()[:300],
            finished_at=now,
        )
    if pk is not None:
        running = running.filter(pk=pk)
    for job in running.only("pk", "state", "worker", "heartbeat_at", "started_at"):
        if not is_dead(job, now):
            continue
        # Conditional: a heartbeat or the job's own end that came in meanwhile wins.
        if Job.objects.filter(
            pk=job.pk, state=Job.State.RUNNING, worker=job.worker, heartbeat_at=job.heartbeat_at
        ).update(
            state=Job.State.FAILED,
            interrupted=True,
            message=interrupted_message()[:300],
            finished_at=now,
        ):
            failed += 1
            logger.warning("job %s (worker %s) died; marked failed", job.pk, job.worker or "?")
    return failed


def refreshed(job: Job) -> Job:
    """The job as its page should show it: failed if its process died meanwhile."""
    stranded = job.state == Job.State.QUEUED and job_mode() == "thread"
    if (stranded or is_dead(job)) and recover(pk=job.pk, stranded=stranded):
        job.refresh_from_db()
    return job


class _Heartbeat:
    """Renews the lease every ``XHHT_JOB_HEARTBEAT_SECONDS`` from a thread of its own (a job
    inside one long statement or transaction cannot), until stopped."""

    def __init__(self, job: Job) -> None:
        self.job_pk, self.worker = job.pk, job.worker
        self.interval = getattr(settings, "XHHT_JOB_HEARTBEAT_SECONDS", 10)
        self.stopped = threading.Event()
        self.thread = threading.Thread(
            target=self._beat, name=f"job-{job.pk}-heartbeat", daemon=True
        )

    def __enter__(self) -> _Heartbeat:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        self.thread.join()

    def _beat(self) -> None:
        try:
            while not self.stopped.wait(self.interval):
                try:
                    Job.objects.filter(pk=self.job_pk, worker=self.worker).update(
                        heartbeat_at=timezone.now()
                    )
                except DatabaseError:  # SQLite busy with the job's own write: try again later
                    logger.warning("job %s: heartbeat not written", self.job_pk)
        finally:
            connection.close()


# --- running ------------------------------------------------------------------------------------


def claim(job: Job) -> bool:
    """Mark a queued job as running under this process's lease; False when another runner took
    it first."""
    now, worker = timezone.now(), worker_id()
    taken = Job.objects.filter(pk=job.pk, state=Job.State.QUEUED).update(
        state=Job.State.RUNNING, started_at=now, worker=worker, heartbeat_at=now
    )
    job.state, job.started_at, job.worker, job.heartbeat_at = Job.State.RUNNING, now, worker, now
    return taken == 1


def run(job: Job) -> bool:
    """Claim and run one job; False when another runner had already taken it."""
    if not claim(job):
        return False
    function: Callable[..., dict[str, Any]] = import_string(job.function)
    beating = job_mode() != "inline"  # inline: the request itself is the job's process
    try:
        if beating:
            with _Heartbeat(job):
                result = function(job, **job.arguments)
        else:
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
    """The job's end, unless another runner holds it now (retried after a false alarm)."""
    job.state, job.message, job.result = state, message[:300], result
    job.finished_at, job.interrupted = timezone.now(), False
    Job.objects.filter(pk=job.pk, worker=job.worker).update(
        state=state,
        message=job.message,
        result=result,
        finished_at=job.finished_at,
        interrupted=False,
    )
    retention.release_uploads(job)


def run_queued(*, limit: int | None = None) -> int:
    """Run queued jobs one after another (the worker's loop body); returns how many ran."""
    ran = 0
    for job in Job.objects.queued()[:limit]:
        close_old_connections()
        ran += run(job)
    return ran


def retry(*, job: Job, user: Any) -> bool:
    """Queue an interrupted job of ``user`` again, as it was, and start it; False when it is not
    an interrupted job of theirs (anymore: a second click)."""
    reset = Job.objects.filter(
        pk=job.pk, created_by=user, state=Job.State.FAILED, interrupted=True
    ).update(
        state=Job.State.QUEUED,
        interrupted=False,
        progress=0,
        total=0,
        message="",
        result=None,
        started_at=None,
        finished_at=None,
        worker="",
        heartbeat_at=None,
    )
    if not reset:
        return False
    record_step(actor=user, obj=job, step="retry_job", place=None)
    job.refresh_from_db()
    start(job)
    return True
