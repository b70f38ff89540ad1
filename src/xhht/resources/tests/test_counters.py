"""The open-resources indicators: kept as the workflow publishes, withdraws and returns, as
institutions change, and always equal to a recount (``indicators.rebuild``)."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import TestCase
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from xhht.centres.models import Centre
from xhht.centres.tests import factories as centre_factories
from xhht.core.workflow import StepRefused
from xhht.indicators import rebuild as rebuild_module
from xhht.indicators.models import LIVE_YEAR, Indicator, RollupCount, Source
from xhht.resources import actions, counters
from xhht.resources.models import Resource
from xhht.resources.tests import factories
from xhht.testing.world import World, build_world

S = Resource.State


def kept_pairs() -> dict[tuple[str, int | None, int], tuple[int, int]]:
    return {
        (r.indicator, r.place_id, r.year): (r.numerator, r.denominator)
        for r in RollupCount.objects.filter(indicator__in=counters.CODES)
        if r.numerator or r.denominator
    }


def kept(code: str, place_id: int | None) -> tuple[int, int]:
    return kept_pairs().get((code, place_id, LIVE_YEAR), (0, 0))


@pytest.mark.django_db
def test_both_indicators_are_in_the_catalogue_computed() -> None:
    indicators = Indicator.objects.filter(code__in=counters.CODES, province=None)
    assert {(i.code, i.source, i.measure) for i in indicators} == {
        ("open_resources", Source.REGISTRY, "count"),
        ("open_resources_universities", Source.REGISTRY, "rate"),
    }


def test_the_workflow_keeps_both_counts_at_every_level(world: World) -> None:
    university = centre_factories.centre(
        world, code="DH-1", kind=Centre.Kind.UNIVERSITY, name="Trường Đại học Cần Thơ"
    )
    centre_factories.centre(world, code="CD-2", kind=Centre.Kind.UNIVERSITY, name="Cao đẳng")
    province, commune = world.province.pk, world.commune.pk
    assert kept("open_resources_universities", province) == (0, 2)
    draft = actions.create_resource(
        user=world.commune_officer, fields=factories.fields("Bài giảng mở"), centre=university
    )
    actions.submit_resource(user=world.commune_officer, resource=draft)
    assert kept("open_resources", province) == (0, 0)  # submitted is not published
    actions.publish_resource(user=world.coordinator, resource=draft)
    for place in (commune, province, None):
        assert kept("open_resources", place) == (1, 0)
    assert kept("open_resources_universities", province) == (1, 2)
    second = factories.published_resource(world)  # the commune's TTHTCĐ: not a university
    assert kept("open_resources", province) == (2, 0)
    actions.withdraw_resource(user=world.commune_officer, resource=draft)
    assert kept("open_resources", province) == (1, 0)
    assert kept("open_resources_universities", province) == (0, 2)
    actions.return_resource(user=world.coordinator, resource=second, reason="Sai giấy phép")
    assert kept("open_resources", None) == (0, 0)
    assert counters.published_by_kind(world.province) == {}
    actions.submit_resource(user=world.commune_officer, resource=draft)
    actions.publish_resource(user=world.coordinator, resource=draft)
    assert counters.published_by_kind(world.province) == {Centre.Kind.UNIVERSITY: 1}
    university.status = Centre.Status.CLOSED
    university.save()
    assert kept("open_resources_universities", province) == (0, 1)
    assert kept("open_resources", province) == (1, 0)  # its resources stay published
    before = kept_pairs()
    rebuild_module.rebuild()
    assert kept_pairs() == before


def test_a_refused_step_changes_no_count(world: World) -> None:
    resource = factories.published_resource(world)
    before = kept_pairs()
    with pytest.raises(StepRefused):
        actions.publish_resource(user=world.coordinator, resource=resource)  # already published
    assert kept_pairs() == before
    assert kept("open_resources", world.province.pk) == (1, 0)


def test_by_kind_counts_bodies_and_each_kind_of_institution(world: World) -> None:
    library = centre_factories.centre(world, code="TV-1", kind=Centre.Kind.LIBRARY, name="Thư viện")
    for contributor in ({"centre": library}, {"body": world.body}, {"body": world.body}):
        resource = actions.create_resource(
            user=world.coordinator, fields=factories.fields("Sách nói"), **contributor
        )
        actions.submit_resource(user=world.coordinator, resource=resource)
        actions.publish_resource(user=world.admin, resource=resource)
    assert counters.published_by_kind(world.province) == {
        Centre.Kind.LIBRARY: 1,
        counters.BODY_KIND: 2,
    }
    assert counters.published_by_kind(world.other_province) == {}


class ResourceCountsMachine(RuleBasedStateMachine):
    """Random resources of three contributors moved through the workflow (its steps, and plain
    saves and deletions), institutions closed and reopened: the kept counts equal a rebuild."""

    @initialize()
    def build(self) -> None:
        # Each run of the machine happens in a transaction rolled back at teardown.
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.world = build_world()
        w = self.world
        self.centres = [
            centre_factories.centre(w, code="DH-1", kind=Centre.Kind.UNIVERSITY, name="Đại học"),
            centre_factories.centre(
                w, code="DH-2", kind=Centre.Kind.UNIVERSITY, name="Cao đẳng", place=w.far_commune
            ),
            centre_factories.centre(w, code="TT-1", name="Trung tâm học tập cộng đồng"),
        ]

    def teardown(self) -> None:
        if hasattr(self, "atomic"):
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)

    def _nth(self, index: int) -> Resource | None:
        return Resource.objects.order_by("pk")[index : index + 1].first()

    @rule(contributor=st.integers(0, 3))
    def add_resource(self, contributor: int) -> None:
        w = self.world
        centre = self.centres[contributor] if contributor < 3 else None
        place = centre.place if centre else w.body.place
        Resource.objects.create(
            title="Học liệu",
            kind=Resource.Kind.BOOK,
            licence=Resource.Licence.CC0,
            url="https://example.org/",
            centre=centre,
            body=None if centre else w.body,
            place=place,
            province_id=place.root_id,
        )

    @rule(
        index=st.integers(0, 5), step=st.sampled_from(["submit", "publish", "return", "withdraw"])
    )
    def take_a_step(self, index: int, step: str) -> None:
        resource = self._nth(index)
        if resource is None:
            return
        w = self.world
        curator = w.coordinator if resource.province_id == w.province.pk else w.admin
        try:
            if step == "submit":
                actions.submit_resource(user=w.admin, resource=resource)
            elif step == "publish":
                actions.publish_resource(user=curator, resource=resource)
            elif step == "return":
                actions.return_resource(user=curator, resource=resource, reason="Sửa lại")
            else:
                actions.withdraw_resource(user=w.admin, resource=resource)
        except StepRefused:
            pass  # not a step from this state: nothing changes

    @rule(index=st.integers(0, 5), state=st.sampled_from(list(S)))
    def save_a_state(self, index: int, state: str) -> None:
        resource = self._nth(index)
        if resource is not None:
            resource.state = state
            resource.save()

    @rule(index=st.integers(0, 5))
    def delete_resource(self, index: int) -> None:
        resource = self._nth(index)
        if resource is not None:
            resource.delete()

    @rule(which=st.integers(0, 2), change=st.sampled_from(["status", "kind"]))
    def change_centre(self, which: int, change: str) -> None:
        centre = Centre.objects.get(pk=self.centres[which].pk)
        if change == "status":
            active = centre.status == Centre.Status.ACTIVE
            centre.status = Centre.Status.PAUSED if active else Centre.Status.ACTIVE
        else:
            university = centre.kind == Centre.Kind.UNIVERSITY
            centre.kind = Centre.Kind.LIBRARY if university else Centre.Kind.UNIVERSITY
        centre.save()

    @invariant()
    def kept_counts_equal_a_rebuild(self) -> None:
        before = kept_pairs()
        rebuild_module.rebuild()
        assert kept_pairs() == before


ResourceCountsMachine.TestCase.settings = settings(
    max_examples=15,
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


class TestKeptCountsEqualARebuild(ResourceCountsMachine.TestCase, TestCase):  # type: ignore[misc,valid-type]  # hypothesis is imported untyped
    pass


@pytest.mark.django_db
def test_the_machine_reaches_both_indicators() -> None:
    """A fixed run: both indicators get non-zero kept counts, and they match a rebuild."""
    machine = ResourceCountsMachine()
    try:
        machine.build()
        for contributor in (0, 1, 2, 3):
            machine.add_resource(contributor)
        for index in range(4):
            machine.take_a_step(index, "submit")
            machine.take_a_step(index, "publish")
        machine.kept_counts_equal_a_rebuild()
        province = machine.world.province.pk
        assert kept("open_resources", province) == (3, 0)
        assert kept("open_resources", None) == (4, 0)
        assert kept("open_resources_universities", province) == (1, 1)
        assert kept("open_resources_universities", None) == (2, 2)
        machine.save_a_state(0, S.DRAFT)
        machine.change_centre(1, "kind")
        machine.kept_counts_equal_a_rebuild()
        assert kept("open_resources_universities", None) == (0, 1)
    finally:
        machine.teardown()
