"""What the importer proposes: plain dataclasses the "import a plan" form shows for confirming."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

Kind = Literal["percent", "count", "yes_no", "maintain"]


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
    body: str  # the responsible (lead) body
    text: str
    deadline: str | None = None  # as written: "quý III/2020", "trước ngày 10/9/2020", "hằng năm"
    supporting: list[str] = field(default_factory=list)  # "phối hợp với …"
    group: str = ""  # the heading the task is listed under

    def to_json(self) -> dict[str, Any]:
        return {
            "body": self.body,
            "text": self.text,
            "deadline": self.deadline,
            "supporting": list(self.supporting),
            "group": self.group,
        }


@dataclass
class ReportProposal:
    from_: str
    to: str
    due: str  # ISO date, "MM/YYYY" or "hằng năm trước DD/MM"
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"from": self.from_, "to": self.to, "due": self.due, "text": self.text}


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
        }
