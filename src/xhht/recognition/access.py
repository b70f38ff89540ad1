"""Who may see and act on assessments: the place tree, the step rules, and the subject itself."""

from __future__ import annotations

from typing import NoReturn

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from xhht.accounts.access import Capability, can
from xhht.accounts.models import User
from xhht.recognition.models import Assessment, Certificate, Decision, Evidence, Step
from xhht.recognition.models.rules import place_at_level, requirement_for, requirements_for
from xhht.registry.models import Person

#: Steps a citizen may take for their own record or household.
SELF_SERVICE_STEPS = frozenset({Step.REGISTER, Step.SELF_ASSESS, Step.WITHDRAW})


def own_person(user: User) -> Person | None:
    if not user.is_authenticated or not can(user, Capability.SELF_SERVICE):
        return None
    return Person.objects.filter(user=user).select_related("household").first()


def is_own_subject(user: User, assessment: Assessment) -> bool:
    person = own_person(user)
    if person is None:
        return False
    if assessment.person_id is not None:
        return assessment.person_id == person.pk
    return assessment.household_id is not None and assessment.household_id == person.household_id


def may_take_step(user: User, assessment: Assessment, step: str) -> bool:
    if step in SELF_SERVICE_STEPS and is_own_subject(user, assessment):
        return True
    rule = requirement_for(assessment.title, step, assessment.place)
    return can(user, rule.capability, place_at_level(assessment.place, rule.level))


def steps_allowed(user: User, assessment: Assessment) -> dict[str, bool]:
    """``may_take_step`` for every step at once (a page's buttons): one query for the step
    rules, one for the places above the subject, however many rules there are."""
    rules = requirements_for(assessment.title, assessment.place)
    above = assessment.place.ancestors()
    own = is_own_subject(user, assessment)
    allowed: dict[str, bool] = {}
    for step in Step:
        rule = rules[step]
        authority = place_at_level(assessment.place, rule.level, above)
        allowed[step.value] = (step in SELF_SERVICE_STEPS and own) or can(
            user, rule.capability, authority
        )
    return allowed


def require_step(user: User, assessment: Assessment, step: str) -> None:
    if not may_take_step(user, assessment, step):
        raise PermissionDenied


def may_see(user: User, assessment: Assessment) -> bool:
    return can(user, Capability.VIEW, assessment.place) or is_own_subject(user, assessment)


def get_assessment_for_user(user: User, pk: int) -> Assessment:
    """The assessment if the user may see its subject; the same 404 otherwise."""
    assessment = get_object_or_404(
        Assessment.objects.select_related(
            "place", "criteria_set", "household", "clan", "unit", "person", "subject_place"
        ),
        pk=pk,
    )
    if not may_see(user, assessment):
        raise_not_found()
    return assessment


def get_evidence_for_user(user: User, pk: int) -> Evidence:
    evidence = get_object_or_404(Evidence.objects.select_related("assessment__place"), pk=pk)
    if not may_see(user, evidence.assessment):
        raise_not_found()
    return evidence


def get_decision_for_user(user: User, pk: int) -> Decision:
    return get_object_or_404(Decision.objects.visible_to(user), pk=pk)


def get_certificate_for_user(user: User, assessment_pk: int) -> Certificate:
    assessment = get_assessment_for_user(user, assessment_pk)
    return get_object_or_404(
        Certificate.objects.select_related("assessment"), assessment=assessment
    )


def raise_not_found() -> NoReturn:
    raise Http404
