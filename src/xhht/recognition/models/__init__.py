"""The recognition of learning titles: assessments, evidence, decisions, certificates, step rules."""

from xhht.recognition.models.assessment import Assessment, AssessmentQuerySet, State, Step
from xhht.recognition.models.decision import Certificate, Decision
from xhht.recognition.models.evidence import Evidence
from xhht.recognition.models.rules import StepRule

__all__ = [
    "Assessment",
    "AssessmentQuerySet",
    "Certificate",
    "Decision",
    "Evidence",
    "State",
    "Step",
    "StepRule",
]
