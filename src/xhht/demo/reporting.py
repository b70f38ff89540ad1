"""The demo's reporting year: a yearly report whose period has passed its due date, where most
of the sending communes were on time, one sent late, one was returned and the demo commune has
not sent yet; a body's report to file; the seed plans' tasks with some progress.

Reports are filed and received through ``reporting.actions``. The reports sent before the due
date are sent on the reporting clock (``reporting.periods.now``, the seam the tests use too)
set to two days before it, so the completeness page shows on-time and late reports.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from unittest import mock

from django.db.models import Count
from django.utils import timezone

from xhht.accounts.models import Body, User
from xhht.audit.context import acting_as
from xhht.demo import evidence
from xhht.indicators.models import Indicator
from xhht.places.models import Level, Place
from xhht.reporting import actions
from xhht.reporting.models import (
    ReportingPeriod,
    ReportSection,
    ReportType,
    Submission,
    TableRow,
    Task,
)

REPORT_NAME = "Báo cáo kết quả xây dựng xã hội học tập hằng năm"
#: How many other communes sent on time (some accepted, the rest waiting for the province).
ON_TIME = 6
ACCEPTED = 4
RETURN_COMMENT = (
    "Số liệu gia đình học tập chưa khớp với danh sách công nhận; đề nghị rà soát, gửi lại."
)

_ROWS = [
    ("family", "Gia đình được công nhận Gia đình học tập", "hộ"),
    ("clan", "Dòng họ được công nhận Dòng họ học tập", "dòng họ"),
    ("community", "Thôn, tổ dân phố được công nhận Cộng đồng học tập", "thôn, tổ"),
    ("unit", "Đơn vị được công nhận Đơn vị học tập", "đơn vị"),
    ("citizen_adults", "Công dân được công nhận Công dân học tập", "người"),
]


def report_type_for(*, province: Place, coordinator: User, bodies: list[Body]) -> ReportType:
    """The yearly report every commune (and the demo's body) sends to the province."""
    existing = ReportType.objects.filter(place=province, name=REPORT_NAME).first()
    if existing is not None:
        return existing
    with acting_as(coordinator):
        report_type = ReportType.objects.create(
            name=REPORT_NAME,
            place=province,
            legal_basis="Kế hoạch của Ủy ban nhân dân thành phố về xây dựng xã hội học tập",
            receiver_text=f"Ủy ban nhân dân {province.name}",
            reporter_level=Level.COMMUNE,
        )
        report_type.reporter_bodies.set(bodies)
        ReportSection.objects.create(
            report_type=report_type,
            order=1,
            kind=ReportSection.Kind.NARRATIVE,
            title="Kết quả thực hiện trong năm",
            guidance="Nêu các hoạt động đã làm, kết quả nổi bật so với kế hoạch.",
        )
        ReportSection.objects.create(
            report_type=report_type,
            order=2,
            kind=ReportSection.Kind.NARRATIVE,
            title="Khó khăn, vướng mắc và kiến nghị",
            guidance="Ghi rõ kiến nghị với cấp trên (nếu có).",
        )
        table = ReportSection.objects.create(
            report_type=report_type,
            order=3,
            kind=ReportSection.Kind.TABLE,
            title="Số liệu danh hiệu học tập",
        )
        indicators = Indicator.objects.in_bulk([code for code, _l, _u in _ROWS], field_name="code")
        for order, (code, label, unit) in enumerate(_ROWS, start=1):
            TableRow.objects.create(
                section=table, order=order, label=label, unit=unit, indicator=indicators.get(code)
            )
    return report_type


@contextmanager
def reporting_clock(moment: datetime.datetime) -> Iterator[None]:
    with mock.patch("xhht.reporting.actions.now", lambda: moment):
        yield


def _fill_and_send(submission: Submission, actor: User) -> None:
    sections = ReportSection.objects.filter(
        report_type=submission.period.report_type, kind=ReportSection.Kind.NARRATIVE
    )
    answers = {
        section.pk: f"{submission.reporter_name()}: đã triển khai kế hoạch, tổ chức bình xét các "
        "danh hiệu học tập đúng tiến độ."
        for section in sections
    }
    figures = {
        figure.row_id: actions.FigureInput(
            value=figure.system_value if figure.system_value is not None else Decimal(0)
        )
        for figure in submission.figures.all()
    }
    actions.save_report(actor=actor, submission=submission, answers=answers, figures=figures)
    actions.submit(actor=actor, submission=submission)


def seed_reports(
    *,
    province: Place,
    coordinator: User,
    filer: User,
    first: Place,
    second: Place,
    second_officer: User,
    bodies: list[Body],
) -> ReportingPeriod:
    """The period due three days ago, in the states the module docstring tells."""
    report_type = report_type_for(province=province, coordinator=coordinator, bodies=bodies)
    due = timezone.localdate() - datetime.timedelta(days=3)
    year = due.year
    period = ReportingPeriod.objects.filter(report_type=report_type, year=year).first()
    if period is not None:
        return period
    period = actions.open_period(
        actor=coordinator,
        report_type=report_type,
        year=year,
        cutoff=due - datetime.timedelta(days=10),
        due=due,
    )
    before_due = timezone.make_aware(
        datetime.datetime.combine(due - datetime.timedelta(days=2), datetime.time(9, 30))
    )
    submissions = period.submissions.select_related("reporter_place", "period__report_type")
    others = [
        s
        for s in submissions.filter(reporter_place__isnull=False)
        .exclude(reporter_place__in=[first, second])
        .order_by("reporter_place__sort_key")
    ]
    with reporting_clock(before_due):
        for submission in others[:ON_TIME]:
            _fill_and_send(submission, filer)
        for submission in others[:ACCEPTED]:
            actions.accept(actor=coordinator, submission=submission)
        returned = submissions.get(reporter_place=second)
        _fill_and_send(returned, second_officer)
        actions.return_report(actor=coordinator, submission=returned, comment=RETURN_COMMENT)
    if len(others) > ON_TIME:
        _fill_and_send(others[ON_TIME], filer)  # sent today: after the due date
    return period


def body_with_tasks(province: Place, preferred: Body) -> Body:
    """The body the demo's body officer works for: the one leading most seed-plan tasks (the
    preferred one when it leads any)."""
    if Task.objects.filter(lead_body=preferred).exists():
        return preferred
    busiest = (
        Body.objects.filter(place=province)
        .annotate(led=Count("led_tasks"))
        .filter(led__gt=0)
        .order_by("-led", "name")
        .first()
    )
    return busiest or preferred


def seed_task_progress(*, body: Body, officer: User) -> int:
    """One task of the body in progress with a photo, so the task page has a history."""
    task = Task.objects.filter(lead_body=body).order_by("pk").first()
    if task is None or task.updates.exists():
        return 0
    actions.update_task(
        actor=officer,
        task=task,
        status=Task.Status.IN_PROGRESS,
        note="Đã xây dựng kế hoạch triển khai, đang tổ chức thực hiện ở các xã, phường.",
        evidence=evidence.photo("Hội nghị triển khai", body.name, timezone.localdate().year),
    )
    return 1
