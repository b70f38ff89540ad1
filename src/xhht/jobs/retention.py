"""What finished work leaves behind, deleted on schedule (``xhht purge``, daily; docs/SECURITY.md).

- An uploaded import sheet (``imports/<token>.xlsx``, thousands of CCCD numbers in plain text)
  goes as soon as no job needs it: when its import was written or failed, or its check found
  errors. A checked sheet waits for its confirmation, an interrupted job's for a retry, at most
  ``XHHT_UPLOAD_RETENTION_HOURS``; a sheet no job names goes after a short grace period.
- An export file goes ``registry.exports.KEEP_FILES`` (a day) after it was written, whether or
  not its job still names it.
- A plan document uploaded but never confirmed goes after ``XHHT_UPLOAD_RETENTION_HOURS``.
- An upload Django spooled to ``FILE_UPLOAD_TEMP_DIR`` for a request whose process was killed
  goes after an hour.
- A finished job's row (its arguments and result: tokens, counts, row messages) goes after
  ``XHHT_JOB_RETENTION_DAYS``; the audit trail keeps who did what.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from xhht.jobs.models import Job

logger = logging.getLogger(__name__)

#: An upload saved a moment ago may not have its job yet.
GRACE = datetime.timedelta(minutes=10)
#: No request holds an upload this long (the web server's timeout is a minute).
SPOOL_AGE = datetime.timedelta(hours=1)
IMPORTS = "imports"

#: What the apps above jobs leave in storage (registry's export files, plans' unconfirmed
#: documents): each app registers its purge when ready; called with the time, it returns how
#: many files it deleted.
Purge = Callable[[datetime.datetime], int]
PURGES: dict[str, Purge] = {}


def register_purge(name: str, purge: Purge) -> None:
    PURGES[name] = purge


def upload_path(token: str) -> str:
    """Where the import sheet ``token`` is stored (an upload a job reads)."""
    if not token.replace("-", "").replace("_", "").isalnum():
        raise ValueError("bad import token")
    return f"{IMPORTS}/{token}.xlsx"


def upload_retention() -> datetime.timedelta:
    return datetime.timedelta(hours=getattr(settings, "XHHT_UPLOAD_RETENTION_HOURS", 24))


def job_retention() -> datetime.timedelta:
    return datetime.timedelta(days=getattr(settings, "XHHT_JOB_RETENTION_DAYS", 30))


def upload_needed(token: str) -> bool:
    """Whether a job may still read the import sheet ``token``: one queued or running, one
    interrupted (its author may retry), or a clean check not yet confirmed."""
    jobs = list(Job.objects.filter(arguments__token=token))
    if any(j.state in {Job.State.QUEUED, Job.State.RUNNING} or j.retryable for j in jobs):
        return True
    if any(j.arguments.get("write") and j.finished for j in jobs):
        return False  # written, or failed for good
    return any(
        not j.arguments.get("write") and j.state == Job.State.DONE and j.result_value("ok")
        for j in jobs
    )


def _upload_name(token: str) -> str | None:
    try:
        return upload_path(token)
    except ValueError:
        return None


def release_uploads(job: Job) -> None:
    """Called as a job ends: delete its sheet at once if no job needs it anymore."""
    token = job.arguments.get("token") if isinstance(job.arguments, dict) else None
    if not isinstance(token, str) or upload_needed(token):
        return
    name = _upload_name(token)
    if name is not None:
        default_storage.delete(name)


def files_in(folder: str) -> Iterator[str]:
    """The files directly in ``folder`` of the storage (none if it does not exist)."""
    try:
        _dirs, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"


def age_of(name: str, now: datetime.datetime) -> datetime.timedelta:
    return now - default_storage.get_modified_time(name)


def purge_uploads(now: datetime.datetime) -> int:
    deleted = 0
    for name in files_in(IMPORTS):
        age = age_of(name, now)
        # the sheet and the rows its clean check kept (``<token>.checked.json``) go together
        token = name.rsplit("/", 1)[-1].removesuffix(".checked.json").removesuffix(".xlsx")
        if age > upload_retention() or (age > GRACE and not upload_needed(token)):
            default_storage.delete(name)
            deleted += 1
    return deleted


def purge_request_spools(now: datetime.datetime) -> int:
    """Uploads Django spooled to disk for a request whose process was killed (an hour on)."""
    folder = getattr(settings, "FILE_UPLOAD_TEMP_DIR", None)
    if not folder or not Path(folder).is_dir():
        return 0
    cutoff = (now - SPOOL_AGE).timestamp()
    deleted = 0
    for path in Path(folder).iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            deleted += 1
    return deleted


def purge_jobs(now: datetime.datetime) -> int:
    old = Job.objects.filter(
        state__in=[Job.State.DONE, Job.State.FAILED], finished_at__lt=now - job_retention()
    )
    for job in old.iterator():
        if isinstance(job.result_value("file"), str):
            default_storage.delete(job.result_value("file"))
    deleted, _by_model = old.delete()
    return deleted


def purge(now: datetime.datetime | None = None) -> dict[str, int]:
    """Everything above, once; how many of each were deleted."""
    now = now or timezone.now()
    counts = {
        "uploads": purge_uploads(now),
        **{name: purge_app(now) for name, purge_app in PURGES.items()},
        "spools": purge_request_spools(now),
        "jobs": purge_jobs(now),
    }
    logger.info("purge: %s", counts)
    return counts
