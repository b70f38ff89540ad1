"""A 30-digit number typed into a form or a query string is refused or ignored, never a 500
(SQLite and PostgreSQL hold 64-bit integers)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from xhht.core.numbers import MAX_COUNT, BoundedModelMultipleChoiceField, bounded_int
from xhht.indicators.actions import EntryError, record_value
from xhht.indicators.models import EnteredValue, Indicator, Source
from xhht.recognition.models import State
from xhht.recognition.tests.factories import family_assessment
from xhht.reporting.models import ReportType, Task
from xhht.testing.world import World

BIG = "9" * 30


def _entered_indicator() -> Indicator:
    indicator = Indicator.objects.exclude(source__in=[Source.RECOGNITIONS, Source.REGISTRY])
    return indicator.exclude(measure="yes_no").first() or indicator.first()  # type: ignore[return-value]  # the shipped catalogue has indicators


def test_bounded_int_takes_what_a_64_bit_column_holds() -> None:
    assert bounded_int("42") == 42 and bounded_int(" -7 ") == -7
    assert bounded_int(str(2**63 - 1)) == 2**63 - 1
    assert bounded_int(str(2**63)) is None and bounded_int(BIG) is None
    assert bounded_int("²") is None and bounded_int("1.5") is None and bounded_int(True) is None


def test_an_entered_count_of_thirty_digits_is_refused_in_vietnamese(
    world: World, client_for: Any
) -> None:
    indicator = _entered_indicator()
    response = client_for(world.commune_officer).post(
        f"/indicators/places/{world.commune.pk}/enter/",
        {"indicator": indicator.pk, "year": 2024, "numerator": 5, "denominator": BIG},
    )
    assert response.status_code in {200, 400}
    assert "Số quá lớn" in response.content.decode()
    assert not EnteredValue.objects.exists()


def test_an_imported_count_beyond_the_limit_is_refused_by_the_action(world: World) -> None:
    with pytest.raises(EntryError, match="Số quá lớn"):
        record_value(
            user=world.commune_officer,
            indicator=_entered_indicator(),
            place=world.commune,
            year=2024,
            numerator=1,
            denominator=MAX_COUNT + 1,
        )


def test_id_filters_with_thirty_digits_are_refused_by_the_api_and_ignored_by_the_pages(
    world: World, client_for: Any
) -> None:
    client = client_for(world.commune_officer)
    assert client.get("/api/v1/people/", {"household": BIG}).status_code == 400
    assert client.get("/api/v1/people/", {"unit": BIG}).status_code == 400
    assert client.get("/api/v1/places/", {"parent": BIG}).status_code == 400
    assert client.get("/registry/people/", {"household": BIG}).status_code == 200
    assert client.get("/registry/people/export.xlsx", {"unit": BIG}).status_code != 500


def test_a_board_selection_of_thirty_digits_chooses_nothing(world: World, client_for: Any) -> None:
    assessment = family_assessment(world, state="reviewed")
    response = client_for(world.commune_officer).post(
        f"/recognition/board/{world.commune.pk}/propose/", {"ids": [BIG, str(2**63)]}
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.state == State.REVIEWED


def test_task_and_report_type_forms_refuse_thirty_digit_choices_and_days(
    world: World, client_for: Any
) -> None:
    client = client_for(world.coordinator)
    task = {
        "place": world.province.pk,
        "text": "Rà soát TTHTCĐ",
        "lead_body": world.body.pk,
        "deadline_kind": "yearly",
        "yearly_day": BIG,
        "yearly_month": 12,
        "supporting_bodies": [BIG],
    }
    response = client.post("/reporting/tasks/new/", task)
    assert response.status_code == 200 and not Task.objects.exists()
    form = response.context["form"]
    assert "supporting_bodies" in form.errors and "yearly_day" in form.errors
    report_type = {
        "name": "Báo cáo năm",
        "place": world.province.pk,
        "reporter_bodies": [BIG],
        "frequency": "yearly",
        "cutoff_day": 30,
        "cutoff_month": 11,
        "due_day": BIG,
        "due_month": 12,
        "due_days_after": 0,
        "remind_days_before": 5,
    }
    response = client.post("/reporting/types/new/", report_type)
    assert response.status_code == 200 and not ReportType.objects.exists()
    assert {"reporter_bodies", "due_day"} <= set(response.context["form"].errors)


def test_the_bounded_choice_field_refuses_before_querying(world: World) -> None:
    from xhht.accounts.models import Body

    field = BoundedModelMultipleChoiceField(queryset=Body.objects.all())
    with pytest.raises(ValidationError):
        field.clean([BIG])
    assert list(field.clean([str(world.body.pk)])) == [world.body]


def test_a_units_workbook_with_a_thirty_digit_staff_count_is_refused_at_the_check(
    world: World,
) -> None:
    from io import BytesIO

    from xhht.core.sheets import write_sheet
    from xhht.registry.imports import units

    buffer = BytesIO()
    row = ["TH-01", "Trường Tiểu học A", "Trường học, cơ sở giáo dục", "Tiểu học", "Cấp xã"]
    write_sheet(
        buffer,
        "Don vi",
        [title for _key, title in units.COLUMNS],
        [[*row, world.commune.name, BIG, "Có"], [*row[:1], "x", *row[2:], "P", "²", "Có"]],
    )
    buffer.seek(0)
    plan, _apply = units.check(world.commune_officer, buffer, world.commune, lambda n: None)
    messages = " ".join(p.message for p in plan.problems)
    assert "quá lớn" in messages and "số nguyên không âm" in messages
