"""The user's own import and export jobs finished lately."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from xhht.accounts.models import User
from xhht.jobs.models import Job
from xhht.site.work.lists import SHOWN, Entry, WorkList

#: Finished imports shown for this many days.
JOB_DAYS = 7


def _job_url(job: Job) -> str:
    """The page of an import or export job (only its author opens it), else none."""
    if job.function.startswith("xhht.registry.imports."):
        return reverse("registry:import_job", args=[job.pk])
    if job.function.startswith("xhht.registry.exports."):
        return reverse("registry:export_job", args=[job.pk])
    return ""


def job_list(user: User) -> WorkList | None:
    since = timezone.now() - datetime.timedelta(days=JOB_DAYS)
    jobs = Job.objects.filter(
        created_by=user, state__in=[Job.State.DONE, Job.State.FAILED], finished_at__gte=since
    )
    shown = list(jobs.order_by("-finished_at")[:SHOWN])
    if not shown:
        return None
    entries = [
        Entry(
            text=job.title,
            url=_job_url(job),
            note=timezone.localtime(job.finished_at).strftime("%H:%M %d/%m/%Y")
            if job.finished_at
            else "",
            badge="ok" if job.state == Job.State.DONE else "bad",
        )
        for job in shown
    ]
    return WorkList("jobs", _("Tác vụ nhập, xuất đã xong"), jobs.count(), entries)
