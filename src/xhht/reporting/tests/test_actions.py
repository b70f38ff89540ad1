from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from xhht.audit.models import AuditEntry
from xhht.core.workflow import StepRefused
from xhht.reporting import actions
from xhht.reporting.actions import FigureInput
from xhht.reporting.models import Submission
from xhht.reporting.tests.factories import body_submission, commune_submission
from xhht.reporting.tests.helpers import fill, fill_and_submit
from xhht.testing.world import World

State = Submission.State


def test_opening_a_period_expects_a_report_from_the_body_and_each_commune(world: World) -> None:
    submission = commune_submission(world)
    reporters = {s.reporter_name() for s in submission.period.submissions.all()}
    assert reporters == {"Sở Giáo dục và Đào tạo", "Phường Ninh Kiều", "Phường Cái Khế"}


def test_a_report_missing_content_cannot_be_sent_and_says_what_is_missing(world: World) -> None:
    submission = commune_submission(world)
    with pytest.raises(StepRefused) as error:
        actions.submit(actor=world.commune_officer, submission=submission)
    assert any("Kết quả thực hiện" in p for p in error.value.problems)
    submission.refresh_from_db()
    assert submission.state == State.DRAFT


def test_submit_accept_return_and_resubmit_are_audited_with_reasons(world: World) -> None:
    submission = commune_submission(world)
    fill_and_submit(submission, world.commune_officer, [10, 2])
    actions.return_report(actor=world.coordinator, submission=submission, comment="Thiếu số lớp.")
    assert submission.state == State.RETURNED
    fill_and_submit(submission, world.commune_officer, [10, 3])
    actions.accept(actor=world.coordinator, submission=submission)
    steps = list(
        AuditEntry.objects.for_object(submission)
        .filter(action=AuditEntry.Action.STEP)
        .order_by("id")
        .values_list("step", "reason")
    )
    assert steps == [
        ("submit", ""),
        ("return", "Thiếu số lớp."),
        ("submit", ""),
        ("accept", ""),
    ]


def test_an_accepted_report_cannot_be_changed(world: World) -> None:
    submission = commune_submission(world)
    fill_and_submit(submission, world.commune_officer, [10, 2])
    actions.accept(actor=world.coordinator, submission=submission)
    with pytest.raises(StepRefused, match="không sửa được"):
        fill(submission, world.commune_officer, [99, 99])
    with pytest.raises(StepRefused, match="vừa được người khác xử lý"):
        actions.submit(actor=world.commune_officer, submission=submission)
    values = set(submission.figures.values_list("value", flat=True))
    assert values == {Decimal(2), Decimal(10)}


def test_an_accepted_report_changes_only_through_an_audited_reopen(world: World) -> None:
    submission = commune_submission(world)
    fill_and_submit(submission, world.commune_officer, [10, 2])
    actions.accept(actor=world.coordinator, submission=submission)
    with pytest.raises(StepRefused, match="phải có lý do"):
        actions.reopen(actor=world.coordinator, submission=submission, reason=" ")
    with pytest.raises(PermissionDenied):
        actions.reopen(actor=world.commune_officer, submission=submission, reason="Tự sửa")
    actions.reopen(actor=world.coordinator, submission=submission, reason="Sai số hộ.")
    fill(submission, world.commune_officer, [12, 2])
    entry = AuditEntry.objects.for_object(submission).get(step="reopen")
    assert (entry.reason, entry.before, entry.actor) == (
        "Sai số hộ.",
        {"state": "accepted"},
        world.coordinator,
    )
    assert submission.figures.filter(value=12).exists()


def test_the_second_of_two_receivers_acting_at_once_gets_a_vietnamese_message(
    world: World,
) -> None:
    submission = commune_submission(world)
    fill_and_submit(submission, world.commune_officer, [10, 2])
    stale = Submission.objects.get(pk=submission.pk)
    actions.accept(actor=world.coordinator, submission=submission)
    with pytest.raises(StepRefused, match="Đã tiếp nhận"):
        actions.return_report(actor=world.admin, submission=stale, comment="Sai")
    stale.refresh_from_db()
    assert stale.state == State.ACCEPTED


def test_a_figure_changed_from_the_system_value_needs_a_reason_and_nothing_is_saved(
    world: World,
) -> None:
    submission = commune_submission(world)
    figure = submission.figures.order_by("row__order").first()
    assert figure is not None
    submission.figures.update(system_value=Decimal(7), value=Decimal(7))
    section_id = submission.period.report_type.sections.get(kind="narrative").pk
    with pytest.raises(StepRefused) as error:
        actions.save_report(
            actor=world.commune_officer,
            submission=submission,
            answers={section_id: "Nội dung mới"},
            figures={figure.row_id: FigureInput(Decimal(9), "")},
        )
    assert "lý do" in error.value.problems[0]
    assert not submission.answers.exists()
    assert submission.figures.get(pk=figure.pk).value == Decimal(7)


def test_a_body_officer_cannot_file_another_bodys_or_a_communes_report(world: World) -> None:
    with pytest.raises(PermissionDenied):
        fill(commune_submission(world), world.body_officer, [1, 1])
    with pytest.raises(PermissionDenied):
        fill(body_submission(world), world.other_body_officer, [1, 1])
    with pytest.raises(PermissionDenied):
        actions.accept(actor=world.body_officer, submission=body_submission(world))
