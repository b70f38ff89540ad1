"""The resource workflow: who may contribute and curate, the steps and their refusals, the
audit trail, and what the public sees."""

from __future__ import annotations

import pytest

from xhht.audit.models import AuditEntry
from xhht.centres.tests import factories as centre_factories
from xhht.core.workflow import ChangedMeanwhile, StepRefused
from xhht.resources import actions
from xhht.resources.models import Resource
from xhht.resources.tests import factories
from xhht.testing.world import World

pytestmark = pytest.mark.django_db


def test_a_draft_belongs_to_the_centres_place_and_province(world: World) -> None:
    resource = factories.draft_resource(world)
    assert resource.state == Resource.State.DRAFT
    assert resource.place == world.commune
    assert resource.province == world.province
    assert resource.created_by == world.commune_officer
    assert list(resource.topics.values_list("code", flat=True)) == ["digital_skills"]
    assert resource.search_text.startswith("ky nang so")


def test_the_whole_way_to_the_public_catalogue_is_audited(world: World) -> None:
    resource = factories.draft_resource(world)
    assert not Resource.objects.published().exists()
    actions.submit_resource(user=world.commune_officer, resource=resource)
    actions.publish_resource(user=world.coordinator, resource=resource)
    stored = Resource.objects.get(pk=resource.pk)
    assert stored.state == Resource.State.PUBLISHED
    assert stored.curator == world.coordinator
    assert stored.published_at is not None
    assert list(Resource.objects.published()) == [stored]
    steps = AuditEntry.objects.filter(object_id=str(resource.pk), step__endswith="_resource")
    assert sorted(steps.values_list("step", flat=True)) == ["publish_resource", "submit_resource"]


def test_a_step_moves_updated_at_for_incremental_harvests(world: World) -> None:
    resource = factories.submitted_resource(world)
    before = Resource.objects.get(pk=resource.pk).updated_at
    actions.publish_resource(user=world.coordinator, resource=resource)
    assert Resource.objects.get(pk=resource.pk).updated_at > before


def test_the_curator_returns_with_a_reason_the_contributor_reads(world: World) -> None:
    resource = factories.submitted_resource(world)
    with pytest.raises(StepRefused):
        actions.return_resource(user=world.coordinator, resource=resource, reason="  ")
    actions.return_resource(user=world.coordinator, resource=resource, reason="Thiếu giấy phép")
    stored = Resource.objects.get(pk=resource.pk)
    assert stored.state == Resource.State.RETURNED
    assert stored.return_reason == "Thiếu giấy phép"
    assert stored.editable
    actions.submit_resource(user=world.commune_officer, resource=stored)
    assert Resource.objects.get(pk=resource.pk).state == Resource.State.SUBMITTED


def test_only_the_provinces_curator_publishes(world: World) -> None:
    resource = factories.submitted_resource(world)
    for outsider in (world.commune_officer, world.body_officer, world.outsider, world.citizen):
        with pytest.raises(StepRefused):
            actions.publish_resource(user=outsider, resource=resource)
    assert Resource.objects.get(pk=resource.pk).state == Resource.State.SUBMITTED


def test_nobody_curates_their_own_resource(world: World) -> None:
    centre = world.once("centre", centre_factories.centre)
    own = actions.create_resource(user=world.coordinator, fields=factories.fields(), centre=centre)
    actions.submit_resource(user=world.coordinator, resource=own)
    with pytest.raises(StepRefused, match="chính mình"):
        actions.publish_resource(user=world.coordinator, resource=own)
    actions.publish_resource(user=world.admin, resource=own)


def test_the_second_of_two_curators_is_told_it_changed(world: World) -> None:
    resource = factories.submitted_resource(world)
    stale = Resource.objects.get(pk=resource.pk)
    actions.publish_resource(user=world.coordinator, resource=resource)
    with pytest.raises(ChangedMeanwhile):
        actions.return_resource(user=world.admin, resource=stale, reason="Trùng")
    assert Resource.objects.get(pk=resource.pk).state == Resource.State.PUBLISHED


def test_withdrawing_takes_it_out_of_the_catalogue_and_keeps_published_at(world: World) -> None:
    resource = factories.published_resource(world)
    actions.withdraw_resource(user=world.commune_officer, resource=resource)
    stored = Resource.objects.get(pk=resource.pk)
    assert stored.state == Resource.State.WITHDRAWN
    assert stored.published_at is not None
    assert not Resource.objects.published().exists()


def test_a_published_resource_is_not_edited_in_place(world: World) -> None:
    resource = factories.published_resource(world)
    with pytest.raises(StepRefused, match="rút lại"):
        actions.update_resource(
            user=world.commune_officer, resource=resource, fields=factories.fields("Đổi tên")
        )
    assert Resource.objects.get(pk=resource.pk).title == "Kỹ năng số cơ bản"


def test_a_body_officer_contributes_for_their_body_only(world: World) -> None:
    fields = factories.fields()
    resource = actions.create_resource(user=world.body_officer, fields=fields, body=world.body)
    assert resource.province == world.province
    with pytest.raises(StepRefused):
        actions.create_resource(user=world.body_officer, fields=fields, body=world.other_body)
    mine = Resource.objects.visible_to(world.body_officer, "contribute_resources")
    theirs = Resource.objects.visible_to(world.other_body_officer, "contribute_resources")
    assert list(mine) == [resource]
    assert not theirs.exists()


def test_an_officer_outside_the_place_cannot_contribute_for_its_centre(world: World) -> None:
    centre = world.once("centre", centre_factories.centre)
    for user in (world.other_officer, world.outsider, world.hamlet_head, world.citizen):
        with pytest.raises(StepRefused):
            actions.create_resource(user=user, fields=factories.fields(), centre=centre)
    assert not Resource.objects.exists()


def test_bad_fields_are_each_named_and_nothing_is_saved(world: World) -> None:
    centre = world.once("centre", centre_factories.centre)
    bad = factories.fields(title=" ", url="javascript:alert(1)", language="Tiếng Việt")
    with pytest.raises(StepRefused) as refused:
        actions.create_resource(user=world.commune_officer, fields=bad, centre=centre)
    assert len(refused.value.problems) == 3
    assert not Resource.objects.exists()


def test_a_resource_needs_a_link_or_a_file(world: World) -> None:
    centre = world.once("centre", centre_factories.centre)
    with pytest.raises(StepRefused) as refused:
        actions.create_resource(
            user=world.commune_officer, fields=factories.fields(url=""), centre=centre
        )
    assert "đường dẫn hoặc tải lên" in refused.value.problems[0]


def test_search_finds_with_or_without_diacritics(world: World) -> None:
    factories.published_resource(world, "Kỹ năng số cơ bản")
    factories.published_resource(world, "Nuôi cá tra")
    published = Resource.objects.published()
    assert [r.title for r in published.search("ky nang so")] == ["Kỹ năng số cơ bản"]
    assert [r.title for r in published.search("Kỹ năng số")] == ["Kỹ năng số cơ bản"]


def test_the_administrator_sees_every_resource_in_every_scope(world: World) -> None:
    resource = factories.draft_resource(world)
    body_resource = actions.create_resource(
        user=world.body_officer, fields=factories.fields(), body=world.body
    )
    for capability in ("contribute_resources", "curate_resources"):
        seen = set(Resource.objects.visible_to(world.admin, capability))
        assert seen == {resource, body_resource}
    assert set(Resource.objects.visible_to(world.coordinator, "curate_resources")) == {
        resource,
        body_resource,
    }
    assert not Resource.objects.visible_to(world.outsider, "contribute_resources").exists()
