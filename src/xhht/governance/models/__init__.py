"""Governance: inspection and supervision, budgets of plans and tasks, communication work."""

from xhht.governance.models.budget import BudgetLine, Source
from xhht.governance.models.communication import CommunicationActivity
from xhht.governance.models.inspection import (
    FollowUp,
    InspectionPlan,
    Recommendation,
    Visit,
)

__all__ = [
    "BudgetLine",
    "CommunicationActivity",
    "FollowUp",
    "InspectionPlan",
    "Recommendation",
    "Source",
    "Visit",
]
