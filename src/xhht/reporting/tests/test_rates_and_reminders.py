from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from xhht.reporting import actions
from xhht.reporting.models import Reminder
from xhht.reporting.rates import percent, period_rates
from xhht.reporting.tests.factories import body_submission, commune_submission, make_period
from xhht.reporting.tests.helpers import fill_and_submit
from xhht.testing.world import World


def test_completeness_counts_sent_reports_and_timeliness_first_sending_by_the_due_day(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    period = world.once("period", make_period)
    on_time = datetime.datetime(2023, 12, 1, 9, tzinfo=datetime.UTC)
    late = datetime.datetime(2023, 12, 20, 9, tzinfo=datetime.UTC)
    monkeypatch.setattr("xhht.reporting.actions.now", lambda: on_time)
    fill_and_submit(commune_submission(world), world.commune_officer, [1, 1])
    returned = period.submissions.get(reporter_place=world.other_commune)
    fill_and_submit(returned, world.other_officer, [1, 1])
    actions.return_report(actor=world.coordinator, submission=returned, comment="Sửa số liệu")
    rates = period_rates(period).total
    assert (rates.expected, rates.submitted) == (3, 1)
    monkeypatch.setattr("xhht.reporting.actions.now", lambda: late)
    fill_and_submit(returned, world.other_officer, [1, 2])
    fill_and_submit(body_submission(world), world.body_officer, [1, 1])
    rates = period_rates(period).total
    assert (rates.submitted, rates.on_time) == (3, 2)
    assert (percent(rates.completeness), percent(rates.timeliness)) == ("100%", "66,7%")
    levels = {r.label: (r.expected, r.on_time) for r in period_rates(period).by_level}
    assert levels == {"Sở, ban, ngành, đoàn thể": (1, 0), "Xã/phường/đặc khu": (2, 2)}


def test_reminders_come_once_before_the_due_date_and_once_when_overdue(
    world: World,
) -> None:
    world.commune_officer.email = "xa@example.vn"
    world.commune_officer.save()
    world.once("period", make_period)  # due 11/12/2023, reminders from 7 days before
    call_command("send_reminders", "--date", "2023-11-01")
    assert not Reminder.objects.exists()
    call_command("send_reminders", "--date", "2023-12-05")
    call_command("send_reminders", "--date", "2023-12-06")
    # the Sở's officer, both officers of Ninh Kiều (commune and association), Cái Khế's
    assert Reminder.objects.filter(kind="before_due").count() == 4
    assert len(mail.outbox) == 1
    assert "Phường Ninh Kiều" in mail.outbox[0].body
    call_command("send_reminders", "--date", "2023-12-12")
    call_command("send_reminders", "--date", "2023-12-13")
    assert Reminder.objects.filter(kind="overdue").count() == 4
    assert len(mail.outbox) == 2
    assert "quá hạn" in mail.outbox[1].body


def test_a_sent_report_gets_no_more_reminders(world: World) -> None:
    fill_and_submit(commune_submission(world), world.commune_officer, [1, 1])
    call_command("send_reminders", "--date", "2023-12-12")
    assert not Reminder.objects.filter(user=world.commune_officer).exists()
    assert Reminder.objects.filter(user=world.other_officer).exists()
