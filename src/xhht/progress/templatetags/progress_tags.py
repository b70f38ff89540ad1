from __future__ import annotations

from decimal import Decimal

from django import template

from xhht.progress.figures import vi_number, vi_percent

register = template.Library()


@register.filter
def percent_vi(value: float | Decimal | None) -> str:
    """55.55 → "55,55%" (decimal comma)."""
    return vi_percent(value)


@register.filter
def number_vi(value: float | Decimal | int | None) -> str:
    return vi_number(value)
