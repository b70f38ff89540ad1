"""Background jobs: long imports run outside the request and report their progress.

A job names the function that does the work (a dotted path inside ``xhht``) and its keyword
arguments (plain JSON: ids and tokens, never personal data). ``xhht.jobs.runner`` runs it in a
thread of the web process, inline (tests) or in a separate ``xhht run_jobs`` worker, under a
lease renewed by heartbeats; ``xhht.jobs.retention`` deletes what finished jobs leave behind.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobQuerySet(models.QuerySet["Job"]):
    def queued(self) -> JobQuerySet:
        return self.filter(state=Job.State.QUEUED).order_by("created_at", "id")


class Job(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang chạy")
        DONE = "done", _("Hoàn tất")
        FAILED = "failed", _("Không thành công")

    function = models.CharField(max_length=200)
    arguments = models.JSONField(default=dict)
    title = models.CharField(_("tác vụ"), max_length=200)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.QUEUED
    )
    progress = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    result = models.JSONField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    #: The lease of a running job: who runs it ("host:pid:started:nonce") and when it last said
    #: it was alive. A job whose lease has run out is failed by the next runner (runner.recover).
    worker = models.CharField(max_length=200, blank=True, default="")
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    #: Failed because its process died, not because of its input: its author may run it again.
    interrupted = models.BooleanField(default=False)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("tác vụ nền")
        verbose_name_plural = _("tác vụ nền")
        indexes = [models.Index(fields=["state", "created_at"], name="job_state_created")]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_state_display()})"

    @property
    def finished(self) -> bool:
        return self.state in {self.State.DONE, self.State.FAILED}

    @property
    def retryable(self) -> bool:
        return self.state == self.State.FAILED and self.interrupted

    @property
    def percent(self) -> int:
        if self.finished:
            return 100
        return min(99, self.progress * 100 // self.total) if self.total else 0

    def result_value(self, key: str, default: Any = None) -> Any:
        return (self.result or {}).get(key, default)
