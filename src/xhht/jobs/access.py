"""A job is its author's: nobody else sees or retries it (the same 404 for "missing" and "not yours")."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from xhht.accounts.models import User
from xhht.jobs.models import Job


def get_job_for_user(user: User, pk: int) -> Job:
    return get_object_or_404(Job.objects.filter(created_by=user), pk=pk)
