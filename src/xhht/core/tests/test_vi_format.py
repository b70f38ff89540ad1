"""Numbers and dates in Vietnamese: no "12,00 lớp", no "2.026", no ISO dates."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from xhht.core.templatetags.vi_format import vi_date, year_span
from xhht.core.text import vi_number
from xhht.reporting.models import Figure, TableRow, Task
from xhht.reporting.tests.factories import commune_submission, make_task
from xhht.testing.world import World


def test_counts_kept_as_decimals_read_as_whole_numbers() -> None:
    assert vi_number(Decimal("1.00")) == "1"
    assert vi_number(Decimal("12.00")) == "12"
    assert vi_number(Decimal("12.50")) == "12,5"
    assert vi_number(1234567) == "1.234.567"
    assert vi_number(Decimal("-1234.25")) == "-1.234,25"
    assert vi_number(None) == ""


def test_years_are_never_grouped_whatever_the_language() -> None:
    for language in ("vi", "en"):
        with translation.override(language):
            out = Template("{% load vi_format %}{{ y|year }} {% year_span 2024 2024 %}").render(
                Context({"y": 2026})
            )
        assert out == "2026 2024", language
    assert year_span(2021, 2025) == "2021–2025"


def test_dates_read_day_month_year_in_local_time() -> None:
    assert vi_date(datetime.date(2026, 5, 15)) == "15/05/2026"
    assert vi_date("2026-05-15") == "15/05/2026"
    moment = datetime.datetime(2026, 5, 15, 17, 30, tzinfo=datetime.UTC)
    assert vi_date(moment) == "16/05/2026 00:30"


def test_a_bare_year_on_an_english_page_is_not_grouped() -> None:
    with translation.override("en"):
        assert Template("{{ y }}").render(Context({"y": 2026})) == "2026"


def test_a_reports_figures_read_as_counts(world: World, client_for: Any) -> None:
    submission = commune_submission(world)
    row = TableRow.objects.get(label="Lớp tại TTHTCĐ")
    Figure.objects.update_or_create(
        submission=submission,
        row=row,
        defaults={"value": Decimal("12.00"), "system_value": Decimal("1234.00")},
    )
    body = client_for(world.commune_officer).get(
        reverse("reporting:submission_detail", args=[submission.pk])
    )
    text = " ".join(body.content.decode().split())
    assert "<td>12</td>" in text and "<td>1.234</td>" in text
    assert "12,00" not in text and "1234.00" not in text


def test_a_task_due_on_a_date_says_the_date_once(world: World, client_for: Any) -> None:
    task = make_task(world)
    task.deadline_kind, task.deadline_date = Task.Deadline.DATE, datetime.date(2026, 6, 15)
    task.save()
    body = client_for(world.coordinator).get(reverse("reporting:task_detail", args=[task.pk]))
    assert body.content.decode().count("15/06/2026") == 1
