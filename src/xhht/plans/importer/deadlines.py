"""Deadlines as written ("quý III/2020", "trước ngày 10/9/2020", "hằng năm") and as dates."""

from __future__ import annotations

import calendar
import datetime
import re

_I = re.IGNORECASE
_YEARLY_BEFORE = re.compile(
    r"(?:hàng|hằng)\s+năm\s*\(?\s*trước\s+ngày\s+(\d{1,2})\s*(?:/|tháng)\s*(\d{1,2})\b(?!\s*(?:/|năm)\s*\d)",
    _I,
)
_BEFORE_DATE = re.compile(
    r"trước\s+ngày\s+(\d{1,2})\s*(?:/|\s+tháng\s+)\s*(\d{1,2})\s*(?:/|\s+năm\s+)\s*(\d{4})", _I
)
_QUARTER = re.compile(
    r"(?:trong|vào|hết|trước)\s+quý\s+(IV|I{1,3})\s*(?:/|\s+năm\s+)\s*(\d{4})", _I
)
_MONTH = re.compile(r"(?:trong|vào|hết)\s+tháng\s+(\d{1,2})\s*(?:/|\s+năm\s+)\s*(\d{4})", _I)
_IN_YEAR = re.compile(r"(?:trong|vào)\s+năm\s+(\d{4})", _I)
_YEARLY = re.compile(r"(?:hàng|hằng)\s+năm", _I)
_QUARTER_END = {"I": 3, "II": 6, "III": 9, "IV": 12}


def _date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> datetime.date | None:
    if not 1 <= month <= 12:
        return None
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def as_written(text: str) -> str | None:
    """The deadline a task sentence sets, normalised but as the plan wrote it; None if none."""
    if match := _YEARLY_BEFORE.search(text):
        return f"hằng năm trước {int(match[1]):02d}/{int(match[2]):02d}"
    if match := _BEFORE_DATE.search(text):
        return f"trước ngày {int(match[1])}/{int(match[2])}/{match[3]}"
    if match := _QUARTER.search(text):
        return f"quý {match[1].upper()}/{match[2]}"
    if match := _MONTH.search(text):
        return f"tháng {int(match[1]):02d}/{match[2]}"
    if match := _IN_YEAR.search(text):
        return f"năm {match[1]}"
    if _YEARLY.search(text):
        return "hằng năm"
    return None


def report_due(text: str) -> str | None:
    """A report's due: ISO date, "MM/YYYY" or "hằng năm trước DD/MM"; None if not stated."""
    if match := _YEARLY_BEFORE.search(text):
        return f"hằng năm trước {int(match[1]):02d}/{int(match[2]):02d}"
    if match := _BEFORE_DATE.search(text):
        day = _date(int(match[3]), int(match[2]), int(match[1]))
        return day.isoformat() if day else None
    if match := _MONTH.search(text):
        return f"{int(match[1]):02d}/{match[2]}"
    if match := _QUARTER.search(text):
        end = _month_end(int(match[2]), _QUARTER_END[match[1].upper()])
        return end.isoformat() if end else None
    return None


def dated(text: str) -> list[datetime.date]:
    """The calendar deadlines a sentence sets (a quarter or a month ends on its last day)."""
    found: list[tuple[int, datetime.date | None]] = []
    for match in _BEFORE_DATE.finditer(text):
        found.append((match.start(), _date(int(match[3]), int(match[2]), int(match[1]))))
    for match in _QUARTER.finditer(text):
        found.append((match.start(), _month_end(int(match[2]), _QUARTER_END[match[1].upper()])))
    for match in _MONTH.finditer(text):
        found.append((match.start(), _month_end(int(match[2]), int(match[1]))))
    return [day for _, day in sorted(found, key=lambda item: item[0]) if day is not None]
