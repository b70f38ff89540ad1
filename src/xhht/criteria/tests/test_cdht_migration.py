"""The data migration that brings an existing database's "Công dân học tập" set up to its file."""

from __future__ import annotations

import importlib

from django.apps import apps

from xhht.criteria.models import CriteriaSet
from xhht.testing.world import World

migration = importlib.import_module("xhht.criteria.migrations.0004_cdht_confirmed_rules")


def _as_before(row: CriteriaSet) -> None:
    """The set as 0002 stored it before QĐ 324's rule was confirmed."""
    data = dict(row.definition_json)
    data["groups"] = []
    data["rules"] = {"pass_mark": None, "all_items_required": False, "bands": [], "max_total": None}
    CriteriaSet.objects.filter(pk=row.pk).update(definition_json=data, legal_date=None)


def test_an_unused_shipped_set_gets_the_confirmed_rule_and_groups(world: World) -> None:
    row = CriteriaSet.objects.get(code="hkh324-cong-dan-hoc-tap")
    _as_before(row)
    migration.update(apps, None)
    row.refresh_from_db()
    definition = row.definition()
    assert definition.pass_mark == 80 and definition.min_item_points == 5
    assert len(definition.groups) == 4 and row.legal_date is not None
    assert not row.complete  # the points of each indicator are still the province's to enter


def test_a_used_set_is_left_alone(world: World) -> None:
    row = CriteriaSet.objects.get(code="hkh324-cong-dan-hoc-tap")
    _as_before(row)
    CriteriaSet.objects.filter(pk=row.pk).update(used_at="2025-01-01T00:00:00Z")
    migration.update(apps, None)
    row.refresh_from_db()
    assert row.definition().pass_mark is None
