"""Filling reports in tests the way a reporter would."""

from __future__ import annotations

from decimal import Decimal

from xhht.accounts.models import User
from xhht.reporting import actions
from xhht.reporting.actions import FigureInput
from xhht.reporting.models import ReportSection, Submission


def fill(
    submission: Submission, user: User, values: list[int], text: str = "Đã triển khai."
) -> None:
    """Answer every narrative section with ``text`` and give the table rows ``values``, in order."""
    report_type = submission.period.report_type
    answers = {s.pk: text for s in report_type.sections.filter(kind=ReportSection.Kind.NARRATIVE)}
    figures = submission.figures.order_by("row__section__order", "row__order")
    given = {
        f.row_id: FigureInput(Decimal(v), "Số liệu rà soát lại")
        for f, v in zip(figures, values, strict=True)
    }
    actions.save_report(actor=user, submission=submission, answers=answers, figures=given)


def fill_and_submit(submission: Submission, user: User, values: list[int]) -> None:
    fill(submission, user, values)
    actions.submit(actor=user, submission=submission)
