from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from xhht.indicators.actions import EntryError, record_value
from xhht.indicators.models import EnteredValue, Indicator, RollupCount
from xhht.indicators.rollups import adjust
from xhht.places.models import Level, Place
from xhht.plans.actions import PlanData, TargetData, create_plan
from xhht.registry.models import Household
from xhht.testing.world import World


def cantho_plan(w: World) -> Any:
    return create_plan(
        user=None,
        data=PlanData(
            place=w.province,
            number="74/KH-BCĐ",
            date=datetime.date(2024, 5, 4),
            issuer="Ban Chỉ đạo",
            title="Xây dựng xã hội học tập năm 2024",
            period_start=2024,
            period_end=2024,
            targets=[
                TargetData("family", 2024, Decimal("60"), "percent"),
                TargetData("unit", 2024, Decimal("55.55"), "percent"),
            ],
        ),
    )


def figure_on_page(client: Any, place: Place, text: str) -> bool:
    response = client.get(reverse("progress:dashboard", args=[place.pk]) + "?year=2024")
    assert response.status_code == 200
    return text in response.content.decode()


def test_recognising_one_household_changes_commune_province_and_national_figures(
    world: World, client_for: Any
) -> None:
    cantho_plan(world)
    homes = [
        Household.objects.create(code=f"H{i}", place=world.hamlet, head_name=f"Chủ hộ {i}")
        for i in range(3)
    ]
    client = client_for(world.admin)
    assert figure_on_page(client, world.commune, "0%")
    adjust(indicator="family", place=homes[0].place, year=2024, numerator=1)
    assert figure_on_page(client, world.commune, "33,33%")
    assert figure_on_page(client, world.province, "33,33%")
    national = RollupCount.objects.get(indicator="family", place=None, year=2024)
    assert national.numerator == 1
    api = client.get(reverse("progress-detail", args=[world.province.pk]) + "?year=2024")
    family = next(t for t in api.json()["targets"] if t["indicator"] == "family")
    assert (family["numerator"], family["denominator"]) == (1, 3)


def test_the_cached_tables_follow_the_counts_and_the_language(
    world: World, client_for: Any
) -> None:
    cantho_plan(world)
    for i in range(4):
        Household.objects.create(code=f"H{i}", place=world.hamlet, head_name=f"Chủ hộ {i}")
    client = client_for(world.coordinator)
    url = reverse("progress:dashboard", args=[world.province.pk]) + "?year=2024"

    etags = []

    def children_row() -> tuple[str, str]:
        response = client.get(url)
        etags.append(response["ETag"])
        page = response.content.decode()
        table = page.split('data-testid="children-table"')[1].split("</table>")[0]
        row = table.split(world.commune.name)[1].split("</tr>")[0]
        return row, response.context["tables_key"]

    before, key = children_row()
    assert cache.get(make_template_fragment_key("dashboard-children", [key])) is not None
    assert ">0<" in before and ">4<" in before and "0%" in before
    adjust(indicator="family", place=world.hamlet, year=2024, numerator=1)
    after, new_key = children_row()
    assert new_key != key and etags[1] != etags[0]  # the whole page's key and its ETag too
    assert ">1<" in after and "25%" in after
    assert children_row() == (after, new_key)  # the same figures: served from the cache
    assert etags[2] == etags[1]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(url, headers={"if_none_match": etags[2]})
    english = response.content.decode()
    assert response.status_code == 200 and response["ETag"] != etags[2]
    assert "<th>Places</th>" in english and "<th>Địa bàn</th>" not in english


def test_a_household_that_moves_leaves_its_old_commune_for_the_new_one(world: World) -> None:
    home = Household.objects.create(code="H1", place=world.hamlet, head_name="Chủ hộ")
    live = {r.place_id: r.denominator for r in RollupCount.objects.filter(indicator="family")}
    assert live[world.commune.pk] == 1 and live[world.province.pk] == 1
    home.place = world.other_hamlet
    home.save()
    live = {r.place_id: r.denominator for r in RollupCount.objects.filter(indicator="family")}
    assert live[world.commune.pk] == 0 and live[world.other_commune.pk] == 1
    assert live[world.province.pk] == 1 and live[None] == 1


def _communes(world: World, start: int, count: int) -> None:
    for i in range(start, start + count):
        commune = Place.objects.create(
            level=Level.COMMUNE, code=f"9{i:04d}", name=f"Xã {i}", kind="xã", parent=world.province
        )
        Household.objects.create(code=f"C{i}", place=commune, head_name="Chủ hộ")


def _queries(client: Any, world: World) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("progress:dashboard", args=[world.province.pk]))
        assert response.status_code == 200
    return len(queries)


def test_province_dashboard_queries_do_not_grow_with_communes(
    world: World, client_for: Any
) -> None:
    cantho_plan(world)
    client = client_for(world.coordinator)
    client.get(reverse("site:home"))  # the first request after login refreshes the session
    _communes(world, 0, 2)
    few = _queries(client, world)
    _communes(world, 2, 18)  # 20 communes in all
    many = _queries(client, world)
    assert many == few, (few, many)
    assert few <= 20


def test_entered_values_refuse_a_numerator_above_its_denominator(world: World) -> None:
    indicator = Indicator.objects.get(code="citizen_staff")
    try:
        record_value(
            user=world.coordinator,
            indicator=indicator,
            place=world.commune,
            year=2024,
            numerator=7,
            denominator=5,
        )
    except EntryError as exc:
        assert "không được lớn hơn" in str(exc)
    else:
        raise AssertionError("accepted 7 of 5")
    assert not EnteredValue.objects.exists()
    assert not RollupCount.objects.filter(indicator="citizen_staff").exists()


def test_entered_counts_add_up_the_tree_and_a_percent_over_100_is_refused(
    world: World, client_for: Any
) -> None:
    url = reverse("progress:enter", args=[world.commune.pk])
    client = client_for(world.commune_officer)
    bad = client.post(
        url,
        {
            "indicator": Indicator.objects.get(code="khuyenhoc_trained").pk,
            "year": 2024,
            "percent": "120",
        },
    )
    assert bad.status_code == 200 and not EnteredValue.objects.exists()
    ok = client.post(
        url,
        {
            "indicator": Indicator.objects.get(code="khuyenhoc_trained").pk,
            "year": 2024,
            "numerator": 45,
            "denominator": 50,
        },
    )
    assert ok.status_code == 302
    row = RollupCount.objects.get(indicator="khuyenhoc_trained", place=world.province, year=2024)
    assert (row.numerator, row.denominator) == (45, 50)
