"""Deadlines as written ("quý III/2020", "trước ngày 10/9/2020", "hằng năm") and as dates.

``read`` gives a task's deadline in the form ``reporting.models.Task`` stores: a date ("trước
ngày 10/9/2020"; a month or a year ends on its last day: "trong tháng 01/2024", "trong năm
2020"), a quarter ("hoàn thành trong quý III năm 2020") or a yearly day ("hằng năm, trước ngày
01/12", "trước ngày 15/12 hằng năm"). "Hằng năm" without a day keeps its wording, kind "none".
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from .proposal import DeadlineKind

_I = re.IGNORECASE
_YEARLY_WORD = r"(?:hàng|hằng|mỗi)\s+năm"
_DAY_MONTH = r"(\d{1,2})\s*(?:/|-|\s+tháng\s+)\s*(\d{1,2})\b(?!\s*(?:/|-|năm)\s*\d)"
_BEFORE = r"(?:trước|chậm\s+nhất(?:\s+là)?|không\s+quá|đến\s+hết)\s+(?:ngày\s+)?"
_YEARLY_BEFORE = re.compile(
    _YEARLY_WORD + r"\s*[,(]?\s*(?:\(\s*)?" + _BEFORE + _DAY_MONTH, _I
)  # "hằng năm, trước ngày 01/12", "hàng năm (trước ngày 01 tháng 12)"
_BEFORE_YEARLY = re.compile(
    _BEFORE + _DAY_MONTH + r"\s*[,)]?\s*(?:của\s+)?" + _YEARLY_WORD, _I
)  # "trước ngày 15/12 hằng năm"
_BEFORE_DATE = re.compile(
    r"trước\s+ngày\s+(\d{1,2})\s*(?:/|\s+tháng\s+)\s*(\d{1,2})\s*(?:/|\s+năm\s+)\s*(\d{4})", _I
)
# "hoàn thành trước 30/6/2024", "chậm nhất ngày 15/3/2024", "Thời hạn: 30/9/2024"
_BY_DATE = re.compile(
    r"(?:(?:hoàn\s+thành|xong|chậm\s+nhất(?:\s+là)?|không\s+quá|trước|đến\s+hết)\s+"
    r"|(?:thời\s+(?:gian|hạn)|tiến\s+độ)(?:\s+(?:thực\s+hiện|hoàn\s+thành))?\s*:\s*)(?:ngày\s+)?"
    r"(\d{1,2})\s*(?:/|\s+tháng\s+)\s*(\d{1,2})\s*(?:/|\s+năm\s+)\s*(\d{4})",
    _I,
)
# What comes before a quarter, a month or a year that is a deadline: "hoàn thành trong quý III",
# "vào tháng 6/2024", "Thời gian thực hiện: Quý III/2024", "Thời hạn: năm 2025".
_WHEN = (
    r"(?:(?:trong|vào|hết|trước|cuối|đầu)\s+"
    r"|(?:thời\s+(?:gian|hạn)|tiến\s+độ)(?:\s+(?:thực\s+hiện|hoàn\s+thành))?\s*:\s*)"
)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_QUARTER = re.compile(
    _WHEN + r"quý\s+(IV|I{1,3}|[1-4])\s*(?:/|\s+năm\s+|\s+)\s*(\d{4})",
    _I,
)
_MONTH = re.compile(
    r"(?:" + _WHEN + r"|đến\s+(?:hết\s+)?)tháng\s+(\d{1,2})\s*(?:/|\s+năm\s+)\s*(\d{4})", _I
)
_IN_YEAR = re.compile(_WHEN + r"năm\s+(\d{4})", _I)
_YEARLY = re.compile(_YEARLY_WORD, _I)
_QUARTER_END = {"I": 3, "II": 6, "III": 9, "IV": 12}


@dataclass(frozen=True)
class Deadline:
    """A deadline in ``reporting.models.Task`` form, with its wording."""

    written: str | None = None
    kind: DeadlineKind = "none"
    date: datetime.date | None = None
    quarter: int | None = None
    year: int | None = None
    yearly_day: int | None = None
    yearly_month: int | None = None


def _date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> datetime.date | None:
    if not 1 <= month <= 12:
        return None
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _quarter(mark: str) -> int:
    return int(mark) if mark.isdigit() else _ROMAN[mark.upper()]


def _yearly(day: int, month: int) -> Deadline | None:
    if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(2024, month)[1]):
        return None
    return Deadline(f"hằng năm trước {day:02d}/{month:02d}", "yearly", None, None, None, day, month)


def read(text: str) -> Deadline:
    """The deadline a task sentence sets; ``Deadline()`` (kind "none") when it sets none."""
    for pattern in (_YEARLY_BEFORE, _BEFORE_YEARLY):
        if (match := pattern.search(text)) and (found := _yearly(int(match[1]), int(match[2]))):
            return found
    for pattern in (_BEFORE_DATE, _BY_DATE):
        if match := pattern.search(text):
            day = _date(int(match[3]), int(match[2]), int(match[1]))
            if day is not None:
                written = f"trước ngày {int(match[1])}/{int(match[2])}/{match[3]}"
                return Deadline(written, "date", day)
    if match := _QUARTER.search(text):
        quarter, year = _quarter(match[1]), int(match[2])
        roman = ("I", "II", "III", "IV")[quarter - 1]
        return Deadline(f"quý {roman}/{year}", "quarter", None, quarter, year)
    if (match := _MONTH.search(text)) and (end := _month_end(int(match[2]), int(match[1]))):
        return Deadline(f"tháng {int(match[1]):02d}/{match[2]}", "date", end)
    if match := _IN_YEAR.search(text):
        return Deadline(f"năm {match[1]}", "date", datetime.date(int(match[1]), 12, 31))
    if _YEARLY.search(text):
        return Deadline("hằng năm")
    return Deadline()


def as_written(text: str) -> str | None:
    """The deadline a task sentence sets, normalised but as the plan wrote it; None if none."""
    return read(text).written


def dated(text: str) -> list[datetime.date]:
    """The calendar deadlines a sentence sets (a quarter or a month ends on its last day)."""
    found: list[tuple[int, datetime.date | None]] = []
    for match in _BEFORE_DATE.finditer(text):
        found.append((match.start(), _date(int(match[3]), int(match[2]), int(match[1]))))
    for match in _QUARTER.finditer(text):
        quarter = _quarter(match[1])
        found.append((match.start(), _month_end(int(match[2]), 3 * quarter)))
    for match in _MONTH.finditer(text):
        found.append((match.start(), _month_end(int(match[2]), int(match[1]))))
    return [day for _, day in sorted(found, key=lambda item: item[0]) if day is not None]
