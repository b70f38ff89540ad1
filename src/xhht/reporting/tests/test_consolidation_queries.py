"""Gathering a consolidation reads a fixed number of queries, however many reports it sums."""

from __future__ import annotations

import datetime
from typing import Any

from xhht.places.models import Place
from xhht.reporting import actions
from xhht.reporting.consolidate import gather
from xhht.reporting.models import Consolidation
from xhht.reporting.tests.factories import body_submission, commune_submission, make_period
from xhht.reporting.tests.helpers import fill_and_submit
from xhht.testing.world import World


def test_gathering_names_each_column_once_without_a_query_per_report(
    world: World, django_assert_max_num_queries: Any
) -> None:
    period = world.once("period", make_period)
    for submission, user, values in [
        (commune_submission(world), world.commune_officer, [120, 4]),
        (period.submissions.get(reporter_place=world.other_commune), world.other_officer, [80, 3]),
        (body_submission(world), world.body_officer, [1500, 0]),
    ]:
        fill_and_submit(submission, user, values)
        actions.accept(actor=world.coordinator, submission=submission)
    # Above the province, each commune's column is the province it lies under (a place that is
    # not the report's own): the name comes from one query for all reports, not one per report.
    consolidation = Consolidation(
        period=period,
        place=Place(name="Toàn quốc", path="/", depth=0),
        issuing_body=world.body,
        number="1/BC",
        place_name="Hà Nội",
        issued_on=datetime.date(2023, 12, 15),
        title="Tổng hợp",
        recipients="Lưu: VT",
        signer_title="Giám đốc",
        signer_name="Nguyễn Văn A",
    )
    with django_assert_max_num_queries(8):
        data = gather(consolidation)
    assert data.accepted == 3
    assert sorted(data.units) == sorted([world.body.name, world.province.name])
    totals = [row.total for section in data.sections for row in section.rows]
    assert totals == [1700, 7]
