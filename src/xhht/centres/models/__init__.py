"""Where people learn: institutions, the topic catalogue, classes and their participants, each
person's learning record, campaigns."""

from xhht.centres.models.campaign import Campaign, CampaignActivity
from xhht.centres.models.centre import Centre
from xhht.centres.models.classes import (
    Attendance,
    HeadCount,
    LearningClass,
    Participation,
    Session,
)
from xhht.centres.models.evaluation import CentreEvaluation
from xhht.centres.models.record import LearningEntry
from xhht.centres.models.topic import Topic

__all__ = [
    "Attendance",
    "Campaign",
    "CampaignActivity",
    "Centre",
    "CentreEvaluation",
    "HeadCount",
    "LearningClass",
    "LearningEntry",
    "Participation",
    "Session",
    "Topic",
]
