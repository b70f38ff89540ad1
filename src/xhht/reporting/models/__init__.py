"""Tasks, the reporting regime, submissions and consolidated reports."""

from xhht.reporting.models.consolidation import Consolidation
from xhht.reporting.models.regime import (
    Frequency,
    ReportingPeriod,
    ReportSection,
    ReportType,
    TableRow,
)
from xhht.reporting.models.submissions import Answer, Figure, Reminder, Submission
from xhht.reporting.models.tasks import Task, TaskUpdate

__all__ = [
    "Answer",
    "Consolidation",
    "Figure",
    "Frequency",
    "Reminder",
    "ReportSection",
    "ReportType",
    "ReportingPeriod",
    "Submission",
    "TableRow",
    "Task",
    "TaskUpdate",
]
