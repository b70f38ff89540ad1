"""The workflow's steps: one function each, keyword-only, atomic, permission-checked, audited.

``workflow``: register, self-assess, return, review, propose, refuse, withdraw.
``decisions``: recognise many at once under one decision, revoke, issue certificates.
``evidence``: add and remove evidence files.
"""

from xhht.core.workflow import ChangedMeanwhile, StepRefused
from xhht.recognition.actions.decisions import DecisionData, recognise, revoke
from xhht.recognition.actions.evidence import add_evidence, remove_evidence
from xhht.recognition.actions.workflow import (
    propose,
    refuse,
    register,
    return_for_correction,
    review,
    save_answers,
    submit_self_assessment,
    withdraw,
)
from xhht.recognition.marks import MarksError

__all__ = [
    "ChangedMeanwhile",
    "DecisionData",
    "MarksError",
    "StepRefused",
    "add_evidence",
    "propose",
    "recognise",
    "refuse",
    "register",
    "remove_evidence",
    "return_for_correction",
    "review",
    "revoke",
    "save_answers",
    "submit_self_assessment",
    "withdraw",
]
