"""A refused step of a report is handled by the views in one place (``core.workflow``): the user
reads why, goes back to the report, and nothing is saved."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from xhht.audit.models import AuditEntry
from xhht.reporting import actions
from xhht.reporting.models import Submission
from xhht.reporting.tests.factories import commune_submission
from xhht.reporting.tests.helpers import fill_and_submit
from xhht.testing.world import World


def _messages(client: Client, url: str) -> str:
    return client.get(url).content.decode()


def test_reopening_an_accepted_report_without_a_reason_says_why_and_goes_back(
    client: Client, world: World
) -> None:
    submission = commune_submission(world)
    fill_and_submit(submission, world.commune_officer, [10, 2])
    actions.accept(actor=world.coordinator, submission=submission)
    steps = AuditEntry.objects.filter(action=AuditEntry.Action.STEP).count()
    client.force_login(world.coordinator)
    response = client.post(reverse("reporting:submission_return", args=[submission.pk]))
    detail = reverse("reporting:submission_detail", args=[submission.pk])
    assert (response.status_code, response["Location"]) == (302, detail)
    assert "Mở lại báo cáo đã tiếp nhận phải có lý do." in _messages(client, detail)
    assert AuditEntry.objects.filter(action=AuditEntry.Action.STEP).count() == steps


def test_sending_an_empty_report_lists_what_is_missing(client: Client, world: World) -> None:
    submission = commune_submission(world)
    client.force_login(world.commune_officer)
    response = client.post(reverse("reporting:submission_submit", args=[submission.pk]))
    detail = reverse("reporting:submission_detail", args=[submission.pk])
    assert response["Location"] == detail
    page = _messages(client, detail)
    assert "Báo cáo chưa đủ nội dung để gửi." in page and "Kết quả thực hiện" in page
    submission.refresh_from_db()
    assert submission.state == Submission.State.DRAFT
