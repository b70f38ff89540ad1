"""Saving an audited record compares against the values loaded with it: no SELECT of its own row
before the UPDATE, and the audit entry's before/after stay right (issue 14)."""

from __future__ import annotations

from typing import Any

from pytest_django import DjangoAssertNumQueries

from xhht.audit.models import AuditEntry
from xhht.registry.models import Household
from xhht.testing.world import World


def _reads_of_households(captured: Any) -> list[str]:
    return [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].startswith("SELECT") and '"registry_household"' in q["sql"]
    ]


def _last_entry(household: Household) -> AuditEntry:
    entry = AuditEntry.objects.for_object(household).order_by("-id").first()
    assert entry is not None
    return entry


def test_saving_a_loaded_record_reads_nothing_of_it_first(
    world: World, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    Household.objects.create(code="HO-9", place=world.hamlet, head_name="Lê Văn Ba")
    household = Household.objects.get(code="HO-9")
    household.head_name = "Lê Thị Tư"
    # the UPDATE, the place the entry belongs to, the entry: no SELECT of the household
    with django_assert_num_queries(3) as captured:
        household.save()
    assert _reads_of_households(captured) == []
    entry = _last_entry(household)
    assert (entry.action, entry.before, entry.after) == (
        "update",
        {"head_name": "Lê Văn Ba"},
        {"head_name": "Lê Thị Tư"},
    )


def test_a_fresh_record_is_compared_with_what_its_first_save_stored(
    world: World, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    household = Household(code="HO-10", place=world.hamlet, head_name="Võ Văn Năm")
    household.save()
    assert _last_entry(household).action == "create"
    household.address = "Số 5, khu vực 1"
    with django_assert_num_queries(2) as captured:  # its place is already known
        household.save()
    assert _reads_of_households(captured) == []
    entry = _last_entry(household)
    assert (entry.before, entry.after) == ({"address": ""}, {"address": "Số 5, khu vực 1"})


def test_a_save_of_some_fields_records_only_those_and_remembers_only_those(world: World) -> None:
    Household.objects.create(code="HO-11", place=world.hamlet, head_name="Đỗ Văn Sáu")
    household = Household.objects.get(code="HO-11")
    household.head_name = "Đỗ Thị Bảy"
    household.address = "Hẻm 3"
    household.save(update_fields=["head_name"])
    entry = _last_entry(household)
    assert (entry.before, entry.after) == ({"head_name": "Đỗ Văn Sáu"}, {"head_name": "Đỗ Thị Bảy"})
    household.save()  # the address was never written: it is still a change
    entry = _last_entry(household)
    assert (entry.before, entry.after) == ({"address": ""}, {"address": "Hẻm 3"})


def test_a_refreshed_record_is_compared_with_the_refreshed_values(world: World) -> None:
    Household.objects.create(code="HO-12", place=world.hamlet, head_name="Ngô Văn Tám")
    household = Household.objects.get(code="HO-12")
    Household.objects.filter(pk=household.pk).update(head_name="Ngô Văn Chín")
    household.refresh_from_db()
    household.head_name = "Ngô Thị Mười"
    household.save()
    entry = _last_entry(household)
    assert (entry.before, entry.after) == (
        {"head_name": "Ngô Văn Chín"},
        {"head_name": "Ngô Thị Mười"},
    )


def test_a_record_loaded_with_deferred_fields_is_read_once_and_recorded_right(
    world: World,
) -> None:
    Household.objects.create(code="HO-13", place=world.hamlet, head_name="Lý Văn Một", address="A")
    household = Household.objects.only("pk", "head_name").get(code="HO-13")
    household.head_name = "Lý Thị Hai"
    household.save()
    entry = _last_entry(household)
    assert (entry.before, entry.after) == ({"head_name": "Lý Văn Một"}, {"head_name": "Lý Thị Hai"})
