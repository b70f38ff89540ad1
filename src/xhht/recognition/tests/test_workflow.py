"""The yearly workflow, step by step, through the action functions."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from xhht.audit.models import AuditEntry
from xhht.criteria.models import Title
from xhht.indicators.models import RollupCount
from xhht.recognition import actions
from xhht.recognition.models import Assessment, State, StepRule
from xhht.recognition.tests.factories import (
    FULL_MARKS,
    YEAR,
    decision_data,
    family_assessment,
    make_household,
    make_set,
    template_set,
)
from xhht.testing.world import World


def test_a_family_goes_from_registration_to_recognition_and_every_step_is_audited(
    world: World,
) -> None:
    assessment = family_assessment(world, state="recognised")
    assert assessment.state == State.RECOGNISED
    assert assessment.total == 15 and assessment.passed
    steps = list(
        AuditEntry.objects.for_object(assessment)
        .filter(action="step")
        .values_list("step", flat=True)
    )
    assert sorted(steps) == sorted(["register", "self_assess", "review", "propose", "recognise"])
    assert assessment.certificate.payload["holder"] == "Hộ Nguyễn Văn An"  # no head in the registry


def test_a_returned_self_assessment_can_be_corrected_and_sent_again(world: World) -> None:
    assessment = family_assessment(world, state="self_assessed")
    actions.return_for_correction(
        actor=world.hamlet_head, assessment=assessment, message="Thiếu ảnh giấy khen"
    )
    assert assessment.state == State.RETURNED
    assert assessment.return_message == "Thiếu ảnh giấy khen"
    actions.submit_self_assessment(
        actor=world.hamlet_head, assessment=assessment, answers=FULL_MARKS
    )
    assert assessment.state == State.SELF_ASSESSED


def test_returning_needs_a_message(world: World) -> None:
    assessment = family_assessment(world, state="self_assessed")
    with pytest.raises(actions.StepRefused, match="nội dung cần bổ sung"):
        actions.return_for_correction(actor=world.hamlet_head, assessment=assessment, message=" ")
    assessment.refresh_from_db()
    assert assessment.state == State.SELF_ASSESSED


def test_a_self_assessment_with_a_missing_answer_is_not_sent(world: World) -> None:
    assessment = family_assessment(world)
    with pytest.raises(actions.MarksError) as caught:
        actions.submit_self_assessment(
            actor=world.hamlet_head, assessment=assessment, answers={"1.1": {"points": "11"}}
        )
    assert any("từ 0 đến 10" in p for p in caught.value.problems)
    assert any("2.1" in p for p in caught.value.problems)
    assessment.refresh_from_db()
    assert assessment.state == State.REGISTERED


def test_a_subject_registers_once_a_year(world: World) -> None:
    assessment = family_assessment(world)
    with pytest.raises(actions.StepRefused, match="đã đăng ký"):
        actions.register(
            actor=world.hamlet_head,
            title=Title.FAMILY,
            subject=assessment.subject(),  # type: ignore[arg-type]  # subject() is typed as any Model
            year=YEAR,
        )


def test_the_hamlet_may_not_recognise_and_an_outsider_may_not_review(world: World) -> None:
    assessment = family_assessment(world, state="proposed")
    with pytest.raises(PermissionDenied):
        actions.recognise(actor=world.hamlet_head, assessments=[assessment], data=decision_data())
    other = family_assessment(world, state="self_assessed", code="HO-002")
    with pytest.raises(PermissionDenied):
        actions.review(actor=world.outsider, assessment=other, marks=FULL_MARKS)


def test_a_province_rule_can_let_the_commune_review_instead_of_the_hamlet(world: World) -> None:
    StepRule.objects.create(
        title=Title.FAMILY,
        step="review",
        place=world.province,
        capability="review",
        level="commune",
    )
    assessment = family_assessment(world, state="self_assessed")
    with pytest.raises(PermissionDenied):
        actions.review(actor=world.hamlet_head, assessment=assessment, marks=FULL_MARKS)
    actions.review(actor=world.commune_officer, assessment=assessment, marks=FULL_MARKS)
    assert assessment.state == State.REVIEWED


def test_nobody_is_recognised_under_an_incomplete_criteria_set(world: World) -> None:
    assessment = family_assessment(world, state="proposed")
    Assessment.objects.filter(pk=assessment.pk).update(criteria_set=template_set(world))
    assessment.refresh_from_db()
    with pytest.raises(actions.StepRefused, match="còn thiếu giá trị"):
        actions.recognise(
            actor=world.commune_officer, assessments=[assessment], data=decision_data()
        )
    assessment.refresh_from_db()
    assert assessment.state == State.PROPOSED


def test_registration_is_refused_when_only_a_template_exists(world: World) -> None:
    template_set(world)
    with pytest.raises(actions.StepRefused, match="Chưa có bộ tiêu chí"):
        actions.register(
            actor=world.hamlet_head,
            title=Title.FAMILY,
            subject=make_household(world.hamlet),
            year=YEAR,
        )


def test_one_decision_recognises_many_or_none(world: World) -> None:
    first = family_assessment(world, state="proposed", code="HO-001")
    second = family_assessment(world, state="reviewed", code="HO-002")
    with pytest.raises(actions.StepRefused, match="chưa đề nghị"):
        actions.recognise(
            actor=world.commune_officer, assessments=[first, second], data=decision_data()
        )
    actions.propose(actor=world.hamlet_head, assessment=second)
    decision = actions.recognise(
        actor=world.commune_officer, assessments=[first, second], data=decision_data()
    )
    assert decision.assessments.filter(state=State.RECOGNISED).count() == 2


def test_a_failed_review_cannot_be_proposed_but_can_be_refused(world: World) -> None:
    assessment = family_assessment(world, state="self_assessed")
    low: dict[str, dict[str, Any]] = {
        "1.1": {"points": "2"},
        "1.2": {"met": True},
        "2.1": {"points": "2"},
    }
    actions.review(actor=world.hamlet_head, assessment=assessment, marks=low)
    assert assessment.passed is False
    with pytest.raises(actions.StepRefused, match="chưa đạt"):
        actions.propose(actor=world.hamlet_head, assessment=assessment)
    actions.refuse(actor=world.commune_officer, assessment=assessment, reason="Dưới điểm chuẩn")
    assert assessment.state == State.REFUSED


def test_a_stale_page_is_told_that_the_assessment_changed(world: World) -> None:
    assessment = family_assessment(world, state="self_assessed")
    seen_version = assessment.version
    actions.return_for_correction(actor=world.hamlet_head, assessment=assessment, message="Bổ sung")
    stale_copy = Assessment.objects.get(pk=assessment.pk)
    with pytest.raises(actions.ChangedMeanwhile, match="vừa được người khác thay đổi"):
        actions.withdraw(
            actor=world.hamlet_head,
            assessment=stale_copy,
            reason="Rút",
            expected_version=seen_version,
        )


def test_revocation_and_recognition_adjust_the_rollups(world: World) -> None:
    def kept() -> dict[int | None, int]:
        rows = RollupCount.objects.filter(indicator="family", year=YEAR)
        return {r.place_id: r.numerator for r in rows}

    place_ids = [world.hamlet.pk, world.commune.pk, world.province.pk, None]
    assessment = family_assessment(world, state="recognised")  # a decision: the batched path
    assert kept() == dict.fromkeys(place_ids, 1)
    actions.revoke(actor=world.commune_officer, assessment=assessment, reason="Sai sự thật")
    assert assessment.state == State.REVOKED
    assert kept() == dict.fromkeys(place_ids, 0)


def test_a_withdrawn_registration_frees_the_year(world: World) -> None:
    assessment = family_assessment(world)
    actions.withdraw(actor=world.hamlet_head, assessment=assessment, reason="Chuyển đi nơi khác")
    again = actions.register(
        actor=world.hamlet_head,
        title=Title.FAMILY,
        subject=assessment.subject(),  # type: ignore[arg-type]  # subject() is typed as any Model
        year=YEAR,
    )
    assert again.state == State.REGISTERED


def test_the_set_is_frozen_once_someone_registers_against_it(world: World) -> None:
    criteria_set = make_set(world)
    family_assessment(world)
    criteria_set.refresh_from_db()
    assert criteria_set.used_at is not None
