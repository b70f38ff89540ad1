"""Completeness and timeliness, as DHIS2 defines reporting rates.

Expected reports are the reports created when a period opened (one per reporter). A report counts
as submitted when it is sent or accepted (a returned one does not, until it is sent again), and as
on time when it was first sent by the end of the due day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from xhht.reporting.models import ReportingPeriod, Submission


@dataclass
class Rate:
    label: str
    expected: int = 0
    submitted: int = 0
    on_time: int = 0
    submissions: list[Submission] = field(default_factory=list)

    def add(self, submission: Submission) -> None:
        self.expected += 1
        self.submitted += submission.is_complete
        self.on_time += submission.is_on_time
        self.submissions.append(submission)

    @property
    def completeness(self) -> float | None:
        return self.submitted / self.expected if self.expected else None

    @property
    def timeliness(self) -> float | None:
        return self.on_time / self.expected if self.expected else None


def percent(value: float | None) -> str:
    """ "66,7%" (a Vietnamese decimal comma); "—" when nothing is expected."""
    if value is None:
        return "—"
    text = f"{value * 100:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def level_label(submission: Submission) -> str:
    if submission.reporter_body_id is not None:
        return _("Sở, ban, ngành, đoàn thể")
    assert submission.reporter_place is not None  # noqa: S101 - one reporter, by constraint
    return str(submission.reporter_place.get_level_display())


@dataclass
class PeriodRates:
    total: Rate
    by_level: list[Rate]


def rates_of(submissions: Iterable[Submission], label: str) -> PeriodRates:
    total = Rate(label)
    levels: dict[str, Rate] = {}
    for submission in submissions:
        total.add(submission)
        name = level_label(submission)
        levels.setdefault(name, Rate(name)).add(submission)
    return PeriodRates(total=total, by_level=list(levels.values()))


def period_rates(period: ReportingPeriod) -> PeriodRates:
    submissions = period.submissions.select_related(
        "reporter_body", "reporter_place", "period"
    ).order_by("reporter_body__name", "reporter_place__sort_key")
    return rates_of(submissions, period.label)
