"""``{% load vi_format %}``: numbers and dates as a Vietnamese reader writes them.

``{{ n|number }}``: 1.234.567 and 12,5, a whole number never "12,00" (a count kept in a decimal
column reads "12", not "12,00 lớp"); ``{{ y|year }}``: 2026, never "2.026" or "2,026" whatever
the language's grouping; ``{{ d|vi_date }}``: 15/05/2026 (a date, a datetime in local time, or an
ISO text), never 2026-05-15; ``{% year_span a b %}``: "2021–2025", or "2024" when both are one.
"""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from xhht.core.text import vi_number

register = template.Library()


@register.filter
def number(value: object) -> str:
    return vi_number(value)


@register.filter
def year(value: object) -> str:
    return "" if value is None else str(value)


@register.filter
def vi_date(value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        parsed: datetime.date | datetime.datetime | None = (
            parse_date(value) if len(value) == 10 else parse_datetime(value)
        )
        if parsed is None:
            return value
        value = parsed
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


@register.simple_tag
def year_span(start: object, end: object) -> str:
    if start is None or end is None or start == end:
        return year(start if start is not None else end)
    return f"{start}–{end}"
