"""The OAI-PMH pages read the resources in (updated_at, id) order from past the previous page's
last pair: the index ``resource_oai_paging`` makes that a range scan, with no sort of the rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from xhht.resources import oai

pytestmark = pytest.mark.django_db


def test_a_resumed_oai_page_is_read_through_the_paging_index() -> None:
    moment = timezone.now()
    page = (
        oai.harvestable()
        .filter(Q(updated_at__gt=moment) | Q(updated_at=moment, pk__gt=1))
        .order_by("updated_at", "pk")[: oai.page_size() + 1]
    )
    plan = page.explain()
    if connection.vendor == "sqlite":
        assert "resource_oai_paging" in plan, plan
        assert "TEMP B-TREE FOR ORDER BY" not in plan, plan
    else:  # PostgreSQL: the planner may prefer a scan on an empty table; the index exists.
        with connection.cursor() as cursor:
            constraints = connection.introspection.get_constraints(cursor, "resources_resource")
        assert constraints["resource_oai_paging"]["columns"] == ["updated_at", "id"]
