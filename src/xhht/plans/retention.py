"""The plans' part of ``xhht purge`` (``jobs.retention``): documents uploaded but never
confirmed, after ``XHHT_UPLOAD_RETENTION_HOURS``."""

from __future__ import annotations

import datetime

from django.core.files.storage import default_storage

from xhht.jobs.retention import age_of, files_in, upload_retention
from xhht.plans.models import Plan

PLANS = "plans"


def purge_plan_uploads(now: datetime.datetime) -> int:
    kept = set(Plan.objects.exclude(source_document="").values_list("source_document", flat=True))
    deleted = 0
    for name in files_in(PLANS):  # confirmed documents are kept under plans/<year>/ or named
        if name not in kept and age_of(name, now) > upload_retention():
            default_storage.delete(name)
            deleted += 1
    return deleted
