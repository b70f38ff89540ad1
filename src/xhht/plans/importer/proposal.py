"""What the importer proposes: plain dataclasses the "import a plan" form shows for confirming."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

Kind = Literal["percent", "count", "yes_no", "maintain"]
DeadlineKind = Literal["none", "date", "quarter", "yearly"]  # reporting.models.Task.Deadline
Frequency = Literal["yearly", "half_yearly", "quarterly", ""]  # reporting.models.Frequency
PlaceLevel = Literal["district", "commune", ""]  # places.models.Level of a "level" body
SectionKind = Literal["tasks", "organisation"]  # "Nhiệm vụ và giải pháp" / "Tổ chức thực hiện"


def decimal_text(value: Decimal | None) -> str | None:
    """ "55.55", "100" (no exponent, no trailing zeros); None stays None."""
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return text


@dataclass
class TargetProposal:
    indicator: str | None  # catalogue code (INDICATORS.md); None: not in the catalogue
    year: int
    value: Decimal | None
    kind: Kind
    text: str  # the sentence (bullet) it came from
    parent: str | None = None  # indicator of the "trong đó" parent
    label: str = ""  # the words naming what is measured, as written ("gia đình đạt danh hiệu …")
    of: Decimal | None = None  # the denominator a count states: "12/17 huyện" → 12 of 17
    place_levels: list[str] = field(default_factory=list)  # counted places: "commune", "district"…

    def key(self) -> tuple[str | None, int, Decimal | None, str]:
        return (self.indicator, self.year, self.value, self.kind)

    def to_json(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "year": self.year,
            "value": decimal_text(self.value),
            "kind": self.kind,
            "text": self.text,
            "parent": self.parent,
            "label": self.label,
            "of": decimal_text(self.of),
            "place_levels": list(self.place_levels),
        }


@dataclass
class DeadlineProposal:
    date: datetime.date
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "text": self.text}


@dataclass
class TaskProposal:
    """One task. ``body`` is "" when the text names no lead body (most "Nhiệm vụ và giải pháp"
    items): the officer assigns it. The deadline fields match ``reporting.models.Task``:
    ``deadline_kind`` "none" | "date" (``deadline_date``) | "quarter" (``deadline_quarter`` 1–4,
    ``deadline_year``) | "yearly" (``yearly_day``, ``yearly_month``); ``deadline`` keeps the
    wording ("quý III/2020", "hằng năm" — a yearly task without a day is kind "none")."""

    body: str  # the responsible (lead) body, "" when not stated
    text: str
    deadline: str | None = None  # as written: "quý III/2020", "trước ngày 10/9/2020", "hằng năm"
    supporting: list[str] = field(default_factory=list)  # "phối hợp với …"
    group: str = ""  # the heading the task is listed under
    section: SectionKind = "organisation"
    body_level: PlaceLevel = ""  # "district": "Ủy ban nhân dân các quận, huyện" is every district
    deadline_kind: DeadlineKind = "none"
    deadline_date: datetime.date | None = None
    deadline_quarter: int | None = None
    deadline_year: int | None = None
    yearly_day: int | None = None
    yearly_month: int | None = None
    targets: list[str] = field(default_factory=list)  # indicator codes of the plan's targets

    def to_json(self) -> dict[str, Any]:
        return {
            "body": self.body,
            "text": self.text,
            "deadline": self.deadline,
            "supporting": list(self.supporting),
            "group": self.group,
            "section": self.section,
            "body_level": self.body_level,
            "deadline_kind": self.deadline_kind,
            "deadline_date": self.deadline_date.isoformat() if self.deadline_date else None,
            "deadline_quarter": self.deadline_quarter,
            "deadline_year": self.deadline_year,
            "yearly_day": self.yearly_day,
            "yearly_month": self.yearly_month,
            "targets": list(self.targets),
        }


@dataclass
class ReportProposal:
    """One reporting duty, as a ``reporting.models.ReportType``: ``reporters`` (bodies) or
    ``reporter_level`` ("district" | "commune": every unit of that level files), ``receiver``
    (to whom, as written) and ``receiver_body`` (who collects: "thông qua Sở …", else the
    receiver), ``frequency`` "yearly" | "half_yearly" | "quarterly" | "" (periodic, how often
    not said). A yearly due is ``due_day``/``due_month`` (``due_next_year``: "tháng 01 năm
    sau"); a half-yearly or quarterly one is ``due_days_after`` the period's end. ``year`` is set
    when the duty is for one year only ("trước ngày 11/12/2023"). ``due_dates(year)`` computes
    the due date of each period; None fields mean the text does not say (use the defaults)."""

    from_: str
    to: str
    due: str  # ISO date, "MM/YYYY" or "hằng năm trước DD/MM"; "" when not stated
    text: str
    reporters: list[str] = field(default_factory=list)
    reporter_level: PlaceLevel = ""
    receiver: str = ""
    receiver_body: str = ""
    frequency: Frequency = "yearly"
    year: int | None = None
    due_day: int | None = None
    due_month: int | None = None
    due_next_year: bool = False
    due_days_after: int | None = None
    cutoff_day: int | None = None
    cutoff_month: int | None = None
    name: str = ""  # "Báo cáo năm", "Báo cáo 6 tháng", "Báo cáo năm 2023", "Báo cáo định kỳ"

    def due_dates(self, year: int) -> list[datetime.date]:
        """The due date of each period of ``year`` (empty when the text gives none)."""
        if self.year is not None and year != self.year:
            return []
        if self.frequency in ("half_yearly", "quarterly"):
            if self.due_days_after is None:
                return []
            count = 2 if self.frequency == "half_yearly" else 4
            step = 12 // count
            ends = [_month_end(year, step * (index + 1)) for index in range(count)]
            return [end + datetime.timedelta(days=self.due_days_after) for end in ends]
        if self.due_day is None or self.due_month is None:
            return []
        due_year = year + 1 if self.due_next_year else year
        last = calendar.monthrange(due_year, self.due_month)[1]
        return [datetime.date(due_year, self.due_month, min(self.due_day, last))]

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.from_,
            "to": self.to,
            "due": self.due,
            "text": self.text,
            "reporters": list(self.reporters),
            "reporter_level": self.reporter_level,
            "receiver": self.receiver,
            "receiver_body": self.receiver_body,
            "frequency": self.frequency,
            "year": self.year,
            "due_day": self.due_day,
            "due_month": self.due_month,
            "due_next_year": self.due_next_year,
            "due_days_after": self.due_days_after,
            "cutoff_day": self.cutoff_day,
            "cutoff_month": self.cutoff_month,
            "name": self.name,
        }


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


@dataclass
class PlanProposal:
    number: str | None = None  # "1968/KH-UBND"
    date: datetime.date | None = None
    place: str | None = None  # as written: "Thành phố Hồ Chí Minh", "Cần Thơ"
    title: str = ""
    targets: list[TargetProposal] = field(default_factory=list)
    deadlines: list[DeadlineProposal] = field(default_factory=list)
    tasks: list[TaskProposal] = field(default_factory=list)
    reports: list[ReportProposal] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)  # bodies named in "TỔ CHỨC THỰC HIỆN"
    # Every body named by a task or report that stands for a level ("Ủy ban nhân dân các quận,
    # huyện" → "district"); other bodies are the plan's own place's.
    body_levels: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "date": self.date.isoformat() if self.date else None,
            "place": self.place,
            "title": self.title,
            "targets": [target.to_json() for target in self.targets],
            "deadlines": [deadline.to_json() for deadline in self.deadlines],
            "tasks": [task.to_json() for task in self.tasks],
            "reports": [report.to_json() for report in self.reports],
            "bodies": list(self.bodies),
            "body_levels": dict(self.body_levels),
        }
