"""REST API for tasks and reports: read-only, the same scope as the pages (``visible_to``)."""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import serializers, viewsets

from xhht.accounts.api import HasCapability
from xhht.reporting.models import Submission, Task


class TaskSerializer(serializers.ModelSerializer[Task]):
    deadline = serializers.CharField(source="deadline_label", read_only=True)

    class Meta:
        model = Task
        fields = [
            "id",
            "place",
            "plan",
            "group",
            "text",
            "lead_body",
            "supporting_bodies",
            "deadline_kind",
            "deadline",
            "status",
            "completed_on",
        ]


class SubmissionSerializer(serializers.ModelSerializer[Submission]):
    class Meta:
        model = Submission
        fields = [
            "id",
            "period",
            "reporter_body",
            "reporter_place",
            "state",
            "first_submitted_at",
            "submitted_at",
            "decided_at",
        ]


class TaskViewSet(viewsets.ReadOnlyModelViewSet[Task]):
    serializer_class = TaskSerializer
    permission_classes = [HasCapability]

    def get_queryset(self) -> QuerySet[Task]:
        user = self.request.user
        return Task.objects.visible_to(user).prefetch_related("supporting_bodies").order_by("id")


class SubmissionViewSet(viewsets.ReadOnlyModelViewSet[Submission]):
    serializer_class = SubmissionSerializer
    permission_classes = [HasCapability]

    def get_queryset(self) -> QuerySet[Submission]:
        return Submission.objects.visible_to(self.request.user).order_by("id")
