"""Dates of the reporting regime: the clock, quarters, and dates written the way documents write them."""

from __future__ import annotations

import calendar
import datetime

from django.utils import timezone

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def now() -> datetime.datetime:
    """The current time; tests move it forward to make a report late."""
    return timezone.now()


def today() -> datetime.date:
    return timezone.localdate(now())


def quarter_end(year: int, quarter: int) -> datetime.date:
    month = quarter * 3
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def safe_date(year: int, month: int, day: int) -> datetime.date:
    """``day/month`` of ``year``, 29/2 becoming 28/2 in a common year."""
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def quarter_label(year: int, quarter: int) -> str:
    return f"quý {ROMAN[quarter]} năm {year}"


def long_date(day: datetime.date) -> str:
    """ "ngày 15 tháng 5 năm 2023": NĐ 30/2020/NĐ-CP puts a zero before days below 10 and
    months 1 and 2 ("ngày 05 tháng 02 năm 2024")."""
    dd = f"{day.day:02d}" if day.day < 10 else str(day.day)
    mm = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {dd} tháng {mm} năm {day.year}"


def short_date(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")
