"""Showing that a criteria set's values are illustrative (the demo), on any page.

``{% load criteria_tags %}`` then ``{% illustrative_banner assessment.criteria_set %}`` (a banner,
nothing for a set with official values) or ``{{ criteria_set|illustrative_notice }}`` (the plain
text, empty for a set with official values). Documents use ``criteria.models.illustrative_notice``.
"""

from __future__ import annotations

from typing import Any

from django import template

from xhht.criteria.models import CriteriaSet, illustrative_notice

register = template.Library()


@register.inclusion_tag("criteria/illustrative_banner.html")
def illustrative_banner(criteria_set: CriteriaSet | None) -> dict[str, Any]:
    return {"set": criteria_set}


@register.filter(name="illustrative_notice")
def illustrative_notice_filter(criteria_set: CriteriaSet | None) -> str:
    return illustrative_notice(criteria_set)
