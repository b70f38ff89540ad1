"""Communication work: recorded by a commune or a body, counted at every level as it is saved
and removed, and always equal to a recount."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from xhht.core.workflow import StepRefused
from xhht.governance import communication, counters
from xhht.governance.models import CommunicationActivity
from xhht.governance.tests import factories
from xhht.indicators import rebuild as rebuild_module
from xhht.indicators.models import LIVE_YEAR, Indicator, RollupCount, Source
from xhht.testing.clients import ClientFor
from xhht.testing.world import World

K = CommunicationActivity.Kind


def kept_pairs() -> dict[tuple[str, int | None, int], tuple[int, int]]:
    return {
        (r.indicator, r.place_id, r.year): (r.numerator, r.denominator)
        for r in RollupCount.objects.filter(indicator__in=counters.CODES)
        if r.numerator or r.denominator
    }


def kept(code: str, place_id: int | None) -> int:
    return kept_pairs().get((code, place_id, LIVE_YEAR), (0, 0))[0]


@pytest.mark.django_db
def test_both_indicators_are_in_the_catalogue_computed() -> None:
    indicators = Indicator.objects.filter(code__in=counters.CODES, province=None)
    assert {(i.code, i.source, i.measure) for i in indicators} == {
        ("communication_activities", Source.REGISTRY, "count"),
        ("communication_reach", Source.REGISTRY, "count"),
    }


def test_counts_follow_saves_and_removals_and_equal_a_rebuild(world: World) -> None:
    first = factories.activity(world)
    body = communication.record_activity(
        actor=world.body_officer,
        kind=K.TRAINING,
        title="Tập huấn cán bộ",
        date=factories.DAY,
        audience=80,
        body=world.body,
    )
    assert body.place == world.province
    for place in (world.commune.pk, world.province.pk, None):
        assert kept("communication_activities", place) == (1 if place == world.commune.pk else 2)
    assert kept("communication_reach", world.province.pk) == 1280
    assert kept("communication_reach", world.commune.pk) == 1200
    first.audience = 1500
    first.save()
    assert kept("communication_reach", None) == 1580
    before = kept_pairs()
    rebuild_module.rebuild()
    assert kept_pairs() == before
    communication.remove_activity(actor=world.commune_officer, activity=first, reason="Ghi nhầm")
    assert kept("communication_activities", world.province.pk) == 1
    assert kept("communication_reach", world.commune.pk) == 0
    before = kept_pairs()
    rebuild_module.rebuild()
    assert kept_pairs() == before


def test_who_records_and_what_is_refused(world: World) -> None:
    with pytest.raises(PermissionDenied):
        communication.record_activity(
            actor=world.other_body_officer,
            kind=K.ARTICLE,
            title="Bài",
            date=factories.DAY,
            audience=0,
            body=world.body,
        )
    with pytest.raises(PermissionDenied):
        communication.record_activity(
            actor=world.hamlet_head,
            kind=K.ARTICLE,
            title="Bài",
            date=factories.DAY,
            audience=0,
            place=world.hamlet,
        )
    with pytest.raises(StepRefused):
        communication.record_activity(
            actor=world.commune_officer,
            kind=K.ARTICLE,
            title=" ",
            audience=0,
            date=datetime.date(2026, 7, 1),
            place=world.commune,
            today=datetime.date(2026, 6, 1),
        )
    assert not CommunicationActivity.objects.exists()


def test_the_list_and_the_form(world: World, client_for: ClientFor) -> None:
    client = client_for(world.commune_officer)
    response = client.post(
        reverse("governance:activity_create"),
        {
            "kind": "article",
            "title": "Bài viết về Tuần lễ học tập suốt đời",
            "date": "2026-01-10",
            "place": world.commune.pk,
            "audience": 2500,
            "link": "https://example.org/bai-viet",
        },
    )
    assert response.status_code == 302
    html = client.get(reverse("governance:activity_list")).content.decode()
    assert "1 hoạt động, 2.500 lượt người được tiếp cận." in html
    outside = client_for(world.outsider).get(reverse("governance:activity_list"))
    assert "Bài viết về Tuần lễ" not in outside.content.decode()
    activity = CommunicationActivity.objects.get()
    remove = reverse("governance:activity_remove", args=[activity.pk])
    assert remove in html
    body_view = client_for(world.body_officer).get(reverse("governance:activity_list"))
    assert "Bài viết về Tuần lễ" in body_view.content.decode()
    assert remove not in body_view.content.decode()  # the body's officer reads, never removes
    assert client_for(world.body_officer).post(remove, {"reason": "x"}).status_code == 403
    assert client.post(remove, {"reason": "Ghi nhầm"}).status_code == 302
    assert not CommunicationActivity.objects.exists()
