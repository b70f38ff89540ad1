"""The learning-centre and skills indicators are computed, not entered: the class steps and the
centre registry move them in the same transaction, and the commune's dashboard shows the new
figure on the next page load."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.forms import ModelChoiceField
from django.urls import reverse

from xhht.centres import classes
from xhht.centres.counters import CODES
from xhht.centres.models import Centre, Topic
from xhht.centres.tests import factories
from xhht.indicators.models import LIVE_YEAR, Indicator, RollupCount, Source
from xhht.progress.forms import EnteredValueForm
from xhht.registry.tests import factories as registry_factories
from xhht.testing.world import World

CATALOGUE_CODES = {"clc_networked", "clc_it", "clc_pilot_per_district"}
SKILLS_CODES = {"info_literacy", "life_skills", "clc_active"}


def kept(code: str, place_id: int | None) -> tuple[int, int]:
    rows = RollupCount.objects.filter(indicator=code, year=LIVE_YEAR)
    row = (rows.filter(place_id=place_id) if place_id else rows.filter(place__isnull=True)).first()
    return (row.numerator, row.denominator) if row else (0, 0)


def learning_row(html: str, code: str) -> list[str]:
    """The numbers of the dashboard's learning table row of ``code``: reached, total, rate."""
    row = re.search(rf'<tr data-code="{code}">(.*?)</tr>', html, re.S)
    assert row, f"no row {code}"
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in row.group(1).split("</td>")][1:4]


@pytest.mark.django_db
def test_the_three_centre_indicators_and_three_skills_ones_are_computed_not_entered() -> None:
    for code in CATALOGUE_CODES | SKILLS_CODES:
        indicator = Indicator.objects.get(code=code)
        assert indicator.source == Source.REGISTRY and indicator.is_computed, code
    field = EnteredValueForm.base_fields["indicator"]
    assert isinstance(field, ModelChoiceField)
    enterable = set(field.queryset.values_list("code", flat=True))  # type: ignore[union-attr]  # the form sets a queryset
    assert not enterable & set(CODES)
    assert {"tech_trained", "citizen_staff"} <= enterable


def test_a_centre_counts_in_its_commune_province_and_the_nation_as_it_is_saved(
    world: World,
) -> None:
    centre = factories.centre(world)  # active TTHTCĐ, 5 computers on the Internet
    for place_id in (world.commune.pk, world.province.pk, None):
        assert kept("clc_networked", place_id) == (1, 1)
        assert kept("clc_it", place_id) == (0, 1)
    assert kept("clc_active", world.province.pk) == (1, 2)  # two communes, one with a centre
    centre.it_management, centre.internet = True, False
    centre.save()
    assert kept("clc_it", world.province.pk) == (1, 1)
    assert kept("clc_networked", world.province.pk) == (0, 1)
    centre.status = Centre.Status.CLOSED
    centre.save()
    assert kept("clc_networked", world.province.pk) == (0, 0)
    assert kept("clc_active", world.province.pk) == (0, 2)


def test_only_completing_a_class_of_the_topic_counts_a_person_once(world: World) -> None:
    person = registry_factories.person(world)  # born 1980: of working age
    digital = factories.learning_class(world)
    law = factories.learning_class(world, title="Phổ biến pháp luật")
    law.topic = factories.topic(Topic.LAW)
    law.save()
    second = factories.learning_class(world, title="Lớp kỹ năng số nâng cao")
    for learning_class in (digital, law, second):
        classes.add_participants(
            user=world.commune_officer, learning_class=learning_class, people=[person]
        )
    assert kept("info_literacy", world.province.pk) == (0, 1)
    for learning_class in (law, digital, second):
        classes.close_class(
            user=world.commune_officer,
            learning_class=learning_class,
            completed=[learning_class.participations.get().pk],
            certified=[],
        )
    assert kept("info_literacy", world.province.pk) == (1, 1)  # two classes, one person
    assert kept("life_skills", world.province.pk) == (0, 1)
    second.delete()
    assert kept("info_literacy", world.province.pk) == (1, 1)  # still the first class
    digital.delete()
    assert kept("info_literacy", world.province.pk) == (0, 1)


def test_the_commune_dashboard_shows_the_new_figure_on_the_next_load(
    world: World, client_for: Any
) -> None:
    world.once("centre", factories.centre)
    person = registry_factories.person(world)
    learning_class = factories.learning_class(world)
    classes.add_participants(
        user=world.commune_officer, learning_class=learning_class, people=[person]
    )
    client = client_for(world.commune_officer)
    url = reverse("progress:dashboard", args=[world.commune.pk])
    before = client.get(url).content.decode()
    assert learning_row(before, "info_literacy") == ["0", "1", "0%"]
    assert learning_row(before, "clc_networked") == ["1", "1", "100%"]
    classes.close_class(
        user=world.commune_officer,
        learning_class=learning_class,
        completed=[learning_class.participations.get().pk],
        certified=[],
    )
    after = client.get(url).content.decode()
    assert learning_row(after, "info_literacy") == ["1", "1", "100%"]
    assert "clc_pilot_per_district" not in after  # no district above the commune
