"""Every create, update and delete of a domain record is recorded with who, when, before/after, why."""

from __future__ import annotations

from xhht.audit.context import acting_as
from xhht.audit.models import AuditEntry
from xhht.places.models import Place
from xhht.testing.world import World


def test_create_update_and_delete_are_recorded_with_before_and_after(world: World) -> None:
    with acting_as(world.commune_officer, reason="Tách khu vực theo nghị quyết"):
        hamlet = Place.objects.create(
            level="hamlet", code="31135-009", name="Khu vực 9", kind="khu vực", parent=world.commune
        )
        hamlet.kind = "tổ dân phố"
        hamlet.save()
        pk = hamlet.pk
        hamlet.delete()
    entries = AuditEntry.objects.filter(object_id=str(pk), content_type__model="place").order_by(
        "id"
    )
    create, update, delete = list(entries)
    assert (
        create.action == "create"
        and create.after is not None
        and create.after["name"] == "Khu vực 9"
    )
    assert update.before == {"kind": "khu vực"} and update.after == {"kind": "tổ dân phố"}
    assert delete.action == "delete" and delete.before is not None and delete.after is None
    assert delete.place == world.commune  # the deleted hamlet's history stays with its commune
    assert {e.reason for e in entries} == {"Tách khu vực theo nghị quyết"}
    assert {e.actor for e in entries} == {world.commune_officer}


def test_a_save_that_changes_nothing_writes_nothing(world: World) -> None:
    before = AuditEntry.objects.count()
    world.hamlet.save()
    assert AuditEntry.objects.count() == before


def test_entries_are_visible_within_the_scope_of_their_place(world: World) -> None:
    with acting_as(world.commune_officer):
        world.hamlet.name = "Khu vực Một"
        world.hamlet.save()
    mine = AuditEntry.objects.visible_to(world.commune_officer).for_object(world.hamlet)
    theirs = AuditEntry.objects.visible_to(world.other_officer).for_object(world.hamlet)
    assert mine.exists() and not theirs.exists()
