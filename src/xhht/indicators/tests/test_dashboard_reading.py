"""The dashboard as people read it: it opens on an indicator with data, the gap says its unit,
the trend covers the plan's years, the export holds numbers, and on a 360-pixel phone nothing
runs off the screen and no indicator name is cut in the chart."""

from __future__ import annotations

import datetime
import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xhht.indicators.rollups import adjust
from xhht.plans.actions import PlanData, TargetData, create_plan
from xhht.plans.models import Plan
from xhht.progress.figures import trend_years
from xhht.registry.models import Household
from xhht.testing.browser import log_in
from xhht.testing.world import PASSWORD, World

LONG_NAME_INDICATOR = "unit"


def plan_2021_2030(w: World) -> Plan:
    """A plan whose first indicator (clans) has no data and whose second (families) has."""
    return create_plan(
        user=None,
        data=PlanData(
            place=w.province,
            number="74/KH-UBND",
            date=datetime.date(2021, 5, 4),
            issuer="Ủy ban nhân dân thành phố",
            title="Xây dựng xã hội học tập giai đoạn 2021 - 2030",
            period_start=2021,
            period_end=2030,
            targets=[
                TargetData("clan", 2024, Decimal("50"), "percent"),
                TargetData("family", 2024, Decimal("60"), "percent"),
                TargetData("family", 2030, Decimal("80"), "percent"),
                TargetData(LONG_NAME_INDICATOR, 2024, Decimal("55.5"), "percent"),
            ],
        ),
    )


def _families_with_one_recognised(w: World) -> None:
    homes = [
        Household.objects.create(code=f"H{i}", place=w.hamlet, head_name=f"Chủ hộ {i}")
        for i in range(4)
    ]
    adjust(indicator="family", place=homes[0].place, year=2024, numerator=1)


def _page(client: Any, w: World) -> str:
    url = reverse("progress:dashboard", args=[w.commune.pk]) + "?year=2024"
    response = client.get(url)
    assert response.status_code == 200
    return str(response.content.decode())


def _chart(page: str) -> dict[str, Any]:
    start = page.index('<script id="chart-data" type="application/json">') + 48
    return dict(json.loads(page[start : page.index("</script>", start)]))


def test_the_dashboard_opens_on_an_indicator_that_has_data(world: World, client_for: Any) -> None:
    plan_2021_2030(world)
    _families_with_one_recognised(world)
    page = _page(client_for(world.commune_officer), world)
    assert '<tr class="focus">' in page
    focus_row = page.split('<tr class="focus">')[1].split("</tr>")[0]
    assert "Gia đình học tập" in focus_row or "gia đình" in focus_row.lower()
    assert _chart(page)["trend"]["actual"][3] == 25.0  # 2024: 1 of 4 families


def test_the_gap_says_its_unit_and_the_trend_covers_the_plan(world: World, client_for: Any) -> None:
    plan = plan_2021_2030(world)
    _families_with_one_recognised(world)
    page = _page(client_for(world.commune_officer), world)
    assert "35 điểm %" in page  # 60% planned, 25% done
    trend = _chart(page)["trend"]
    assert trend["years"] == list(range(2021, 2031))
    assert trend["target"][3] == 60.0 and trend["target"][9] == 80.0
    assert trend_years(plan, 2024) == list(range(2021, 2031))
    assert trend_years(plan, 2035) == [*range(2022, 2031), 2035]  # ten, up to the year shown


def test_the_chart_gets_whole_names(world: World, client_for: Any) -> None:
    plan = plan_2021_2030(world)
    page = _page(client_for(world.commune_officer), world)
    names = [t.indicator.name for t in plan.targets.select_related("indicator")]
    assert set(_chart(page)["labels"]) == set(names)


def test_the_export_holds_percentages_and_numbers(world: World, client_for: Any) -> None:
    plan_2021_2030(world)
    _families_with_one_recognised(world)
    url = reverse("progress:export_xlsx", args=[world.commune.pk]) + "?year=2024"
    response = client_for(world.commune_officer).get(url)
    sheet = load_workbook(io.BytesIO(response.content))["Tiến độ"]
    assert str(sheet["A1"].value).startswith("Tiến độ thực hiện: Xây dựng xã hội học tập")
    family = next(
        row for row in sheet.iter_rows(min_row=3) if row[1].value == 2024 and row[3].value == 1
    )
    assert (family[2].value, family[2].number_format) == (0.6, "0.0%")
    assert (family[5].value, family[5].number_format) == (0.25, "0.0%")
    assert (family[6].value, family[7].value) == (35.0, "điểm %")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_on_a_360_pixel_phone_the_dashboard_fits_and_no_name_is_cut(
    world: World, live_server: Any, new_page: Any
) -> None:
    plan = plan_2021_2030(world)
    _families_with_one_recognised(world)
    phone = new_page(width=360, height=740)
    log_in(phone, live_server.url, "commune_officer", PASSWORD)
    dashboard = reverse("progress:dashboard", args=[world.commune.pk])
    phone.goto(f"{live_server.url}{dashboard}?year=2024")
    phone.wait_for_load_state("load")  # the charts are drawn by then (scripts at the end)
    assert phone.evaluate("Boolean(window.progressChart && window.trendChart)")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    labels = phone.evaluate("window.progressChart.data.labels")
    names = {t.indicator.name for t in plan.targets.select_related("indicator")}
    assert {" ".join(lines) for lines in labels} == names  # wrapped, never cut
    fits = phone.evaluate(
        """() => { const c = window.progressChart, y = c.scales.y, ctx = c.ctx;
        ctx.font = '12px ' + Chart.defaults.font.family;
        const widest = Math.max(...c.data.labels.flat().map(l => ctx.measureText(l).width));
        return widest <= y.width && y.width < c.width / 2 + 40; }"""
    )
    assert fits
    assert phone.evaluate("window.trendChart.data.labels.length") == 10
