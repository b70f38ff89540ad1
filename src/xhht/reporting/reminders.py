"""Reminders about reports: before the due date and once overdue, in the app and by e-mail.

``send_reminders`` is run daily (``xhht send_reminders``). Each (user, report, kind) gets one
reminder ever (a unique constraint); an e-mail that failed is retried on the next run.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.utils.translation import gettext as _

from xhht.accounts.access import ROLE_CAPABILITIES, Capability
from xhht.accounts.models import RoleAssignment, User
from xhht.reporting.models import Reminder, Submission
from xhht.reporting.periods import short_date

REPORTER_ROLES = [role for role, caps in ROLE_CAPABILITIES.items() if Capability.REPORT in caps]


@dataclass
class ReminderRun:
    created: int = 0
    emailed: int = 0


def recipients(submission: Submission) -> list[User]:
    """Who files this report: officers of the body, or officers holding a role at the place."""
    where = (
        Q(body_id=submission.reporter_body_id)
        if submission.reporter_body_id is not None
        else Q(place_id=submission.reporter_place_id, body__isnull=True)
    )
    user_ids = RoleAssignment.objects.filter(where, role__in=REPORTER_ROLES).values("user_id")
    return list(User.objects.filter(pk__in=user_ids, is_active=True).order_by("pk"))


def _kind_and_message(submission: Submission, today: datetime.date) -> tuple[str, str] | None:
    period = submission.period
    due = period.due
    name = f"{period.report_type.name} ({period.label})"
    if today > due:
        return Reminder.Kind.OVERDUE, _(
            "Báo cáo “%(name)s” của %(who)s đã quá hạn gửi (%(due)s)."
        ) % {"name": name, "who": submission.reporter_name(), "due": short_date(due)}
    if (due - today).days <= period.report_type.remind_days_before:
        return Reminder.Kind.BEFORE_DUE, _(
            "Báo cáo “%(name)s” của %(who)s phải gửi trước hạn %(due)s."
        ) % {"name": name, "who": submission.reporter_name(), "due": short_date(due)}
    return None


def send_reminders(today: datetime.date) -> ReminderRun:
    run = ReminderRun()
    pending = Submission.objects.filter(state__in=Submission.EDITABLE).select_related(
        "period__report_type", "reporter_body", "reporter_place"
    )
    for submission in pending:
        due = _kind_and_message(submission, today)
        if due is None:
            continue
        kind, message = due
        for user in recipients(submission):
            _reminder, created = Reminder.objects.get_or_create(
                user=user, submission=submission, kind=kind, defaults={"message": message[:500]}
            )
            run.created += created
    unsent = Reminder.objects.filter(emailed=False).exclude(user__email="").select_related("user")
    for reminder in unsent:
        send_mail(
            subject=_("[XHHT] Nhắc gửi báo cáo"),
            message=reminder.message,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[reminder.user.email],
        )
        Reminder.objects.filter(pk=reminder.pk).update(emailed=True)
        run.emailed += 1
    return run
