"""The nomination's steps: from a hamlet to the commune's council to the decision, each audited,
who may take each, the returns with reasons, and two people acting at once."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django import Settings

from xhht.accounts.models import Body
from xhht.audit.models import AuditEntry
from xhht.commendation import actions
from xhht.commendation.models import Award, Nomination, State
from xhht.commendation.tests import factories
from xhht.core.workflow import ChangedMeanwhile, StepRefused
from xhht.registry.tests import factories as registry_factories
from xhht.testing.world import World

pytestmark = pytest.mark.django_db


def _steps(nomination: Nomination) -> list[str]:
    rows = AuditEntry.objects.filter(
        object_id=str(nomination.pk), action=AuditEntry.Action.STEP
    ).order_by("pk")
    return [entry.step for entry in rows if entry.content_type.model == "nomination"]


def test_a_nomination_goes_from_the_hamlet_to_the_council_to_the_decision(world: World) -> None:
    nomination = factories.nomination(world)
    assert nomination.state == State.DRAFT
    assert nomination.place == world.hamlet and nomination.commune == world.commune
    actions.submit(actor=world.hamlet_head, nomination=nomination)
    actions.agree(actor=world.reviewer, nomination=nomination, votes_for=5, votes_against=1)
    assert nomination.state == State.REVIEWED and nomination.reviewed_by == world.reviewer
    actions.decide(
        actor=world.commune_officer,
        nomination=nomination,
        award=Award.COMMUNE_CERTIFICATE,
        issuer="Ủy ban nhân dân Phường Ninh Kiều",
        decision_number="12/QĐ-UBND",
        decision_date=datetime.date(2026, 10, 1),
        signer_title="Chủ tịch",
        signer_name="Trần Văn Chủ",
    )
    nomination.refresh_from_db()
    assert nomination.state == State.DECIDED
    assert nomination.decision_number == "12/QĐ-UBND"
    assert _steps(nomination) == ["nominate", "submit", "agree", "decide"]


def test_a_hamlet_head_cannot_review_the_nominations_of_the_hamlet(world: World) -> None:
    nomination = factories.submitted(world)
    with pytest.raises(PermissionDenied):
        actions.agree(actor=world.hamlet_head, nomination=nomination, note="Tự xét")
    assert Nomination.objects.get(pk=nomination.pk).state == State.SUBMITTED


def test_the_council_gives_votes_or_a_note_and_more_votes_for_than_against(
    world: World,
) -> None:
    nomination = factories.submitted(world)
    with pytest.raises(StepRefused):
        actions.agree(actor=world.reviewer, nomination=nomination)
    with pytest.raises(StepRefused, match="phiếu đồng ý"):
        actions.agree(actor=world.reviewer, nomination=nomination, votes_for=3, votes_against=3)
    assert Nomination.objects.get(pk=nomination.pk).state == State.SUBMITTED


def test_a_return_needs_reasons_and_the_nominator_sends_again(world: World) -> None:
    nomination = factories.submitted(world)
    with pytest.raises(StepRefused, match="lý do"):
        actions.return_nomination(actor=world.reviewer, nomination=nomination, reason="  ")
    actions.return_nomination(
        actor=world.reviewer, nomination=nomination, reason="Thiếu ảnh tủ sách."
    )
    assert nomination.state == State.RETURNED
    entry = AuditEntry.objects.filter(object_id=str(nomination.pk), step="return").get()
    assert entry.reason == "Thiếu ảnh tủ sách."
    actions.update_nomination(
        actor=world.hamlet_head, nomination=nomination, achievements="Tủ sách 300 cuốn."
    )
    actions.submit(actor=world.hamlet_head, nomination=nomination)
    assert nomination.state == State.SUBMITTED and nomination.return_reason == ""


def test_a_submitted_nomination_is_not_edited_and_cannot_be_decided_before_the_council(
    world: World,
) -> None:
    nomination = factories.submitted(world)
    with pytest.raises(StepRefused):
        actions.update_nomination(actor=world.hamlet_head, nomination=nomination, achievements="x")
    with pytest.raises(StepRefused, match="trạng thái"):
        actions.decide(
            actor=world.commune_officer,
            nomination=nomination,
            award=Award.COMMUNE_CERTIFICATE,
            issuer="UBND",
            decision_number="1/QĐ-UBND",
            decision_date=datetime.date(2026, 10, 1),
            signer_title="Chủ tịch",
            signer_name="A",
        )


def test_a_commune_officer_gives_a_giay_khen_but_only_the_province_a_bang_khen(
    world: World,
) -> None:
    nomination = factories.reviewed(world)
    decision = {
        "award": Award.PROVINCE_CERTIFICATE,
        "issuer": "Ủy ban nhân dân thành phố Cần Thơ",
        "decision_number": "88/QĐ-UBND",
        "decision_date": datetime.date(2026, 10, 1),
        "signer_title": "Chủ tịch",
        "signer_name": "Lê Văn Tỉnh",
    }
    with pytest.raises(PermissionDenied):
        actions.decide(actor=world.commune_officer, nomination=nomination, **decision)  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied):
        actions.decide(actor=world.reviewer, nomination=nomination, **decision)  # type: ignore[arg-type]
    actions.decide(actor=world.coordinator, nomination=nomination, **decision)  # type: ignore[arg-type]
    assert nomination.award == Award.PROVINCE_CERTIFICATE


def test_the_second_of_two_reviewers_acting_at_once_is_told_the_record_changed(
    world: World,
) -> None:
    nomination = factories.submitted(world)
    seen_by_second = Nomination.objects.get(pk=nomination.pk)
    actions.return_nomination(actor=world.reviewer, nomination=nomination, reason="Thiếu ảnh.")
    with pytest.raises(ChangedMeanwhile):
        actions.agree(actor=world.commune_officer, nomination=seen_by_second, note="Nhất trí.")
    assert Nomination.objects.get(pk=nomination.pk).state == State.RETURNED


def test_collectives_are_nominated_and_their_commune_reviews(world: World) -> None:
    for actor, subject in (
        (world.hamlet_head, registry_factories.household(world, code="KV1-009")),
        (world.association_officer, registry_factories.clan(world)),
        (world.hamlet_head, registry_factories.unit(world)),
        (world.commune_officer, world.hamlet),
    ):
        nomination = factories.nomination(world, subject=subject, actor=actor)
        assert nomination.commune == world.commune
        assert not nomination.is_individual()
    body_nomination = actions.nominate(
        actor=world.commune_officer,
        movement=world.once("movement", factories.movement),
        subject=Body.objects.create(name="Ủy ban nhân dân Phường Ninh Kiều", place=world.commune),
        achievements="Tổ chức tốt Tuần lễ học tập suốt đời.",
    )
    assert body_nomination.place == world.commune


def test_a_body_of_the_province_is_not_reviewed_by_a_commune_council(world: World) -> None:
    with pytest.raises(StepRefused, match="cấp tỉnh"):
        actions.nominate(
            actor=world.coordinator,
            movement=world.once("movement", factories.movement),
            subject=world.body,
            achievements="x",
        )


def test_a_subject_outside_the_movements_place_is_refused(world: World) -> None:
    commune_movement = factories.movement(world, place=world.other_commune)
    with pytest.raises(StepRefused, match="không thuộc địa bàn"):
        actions.nominate(
            actor=world.hamlet_head,
            movement=commune_movement,
            subject=factories.person(world),
            achievements="x",
        )


def test_nobody_nominates_outside_their_scope(world: World) -> None:
    with pytest.raises(PermissionDenied):  # a clan is the commune's, not the hamlet's
        factories.nomination(world, subject=registry_factories.clan(world))
    with pytest.raises(PermissionDenied):
        factories.nomination(world, subject=world.other_hamlet)
    with pytest.raises(PermissionDenied):
        actions.nominate(
            actor=world.reviewer,
            movement=world.once("movement", factories.movement),
            subject=factories.person(world),
            achievements="x",
        )


def test_evidence_is_checked_by_content_and_only_while_editable(
    world: World, tmp_path: object, settings: Settings
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    nomination = world.once("nomination", factories.nomination)
    fake = SimpleUploadedFile("anh.jpg", b"MZ not a picture" * 10, content_type="image/jpeg")
    with pytest.raises(StepRefused, match="không phải ảnh"):
        actions.add_evidence(actor=world.hamlet_head, nomination=nomination, upload=fake)
    evidence = factories.evidence(world)
    assert evidence.content_type == "image/jpeg" and len(evidence.sha256) == 64
    actions.submit(actor=world.hamlet_head, nomination=nomination)
    again = SimpleUploadedFile("b.jpg", factories.jpeg_bytes(), content_type="image/jpeg")
    with pytest.raises(StepRefused, match="đã gửi"):
        actions.add_evidence(actor=world.hamlet_head, nomination=nomination, upload=again)
    assert nomination.evidence.count() == 1
