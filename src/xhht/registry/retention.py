"""The registry's part of ``xhht purge`` (``jobs.retention``): export files past ``KEEP_FILES``."""

from __future__ import annotations

import datetime

from django.core.files.storage import default_storage

from xhht.jobs.retention import age_of, files_in
from xhht.registry.exports import KEEP_FILES, purge_old_exports

EXPORTS = "exports"


def purge_exports(now: datetime.datetime) -> int:
    purge_old_exports(now)  # the jobs stop naming their expired files
    deleted = 0
    for name in files_in(EXPORTS):  # files of exports that died before their job could say so
        if age_of(name, now) > KEEP_FILES:
            default_storage.delete(name)
            deleted += 1
    return deleted
