"""Gathering a consolidation reads a fixed number of queries, however many reports it sums."""

from __future__ import annotations

import datetime
from typing import Any

from xhht.places.models import Place
from xhht.reporting.consolidate import gather
from xhht.reporting.tests.factories import three_accepted_reports, unsaved_consolidation
from xhht.testing.world import World


def test_gathering_names_each_column_once_without_a_query_per_report(
    world: World, django_assert_max_num_queries: Any
) -> None:
    three_accepted_reports(world)
    # Above the province, each commune's column is the province it lies under (a place that is
    # not the report's own): the name comes from one query for all reports, not one per report.
    consolidation = unsaved_consolidation(
        world,
        place=Place(name="Toàn quốc", path="/", depth=0),
        parent_body_name="",
        number="1/BC",
        place_name="Hà Nội",
        issued_on=datetime.date(2023, 12, 15),
        title="Tổng hợp",
        recipients="Lưu: VT",
    )
    with django_assert_max_num_queries(8):
        data = gather(consolidation)
    assert data.accepted == 3
    assert sorted(data.units) == sorted([world.body.name, world.province.name])
    totals = [row.total for section in data.sections for row in section.rows]
    assert totals == [1700, 7]
