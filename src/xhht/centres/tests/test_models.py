"""The learning-centre records: the rules the database keeps and who sees what."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404

from xhht.accounts.access import Capability, can
from xhht.centres import access
from xhht.centres.models import (
    Campaign,
    Centre,
    LearningClass,
    LearningEntry,
    Topic,
)
from xhht.centres.tests import factories
from xhht.registry.tests import factories as registry_factories
from xhht.testing.world import World

pytestmark = pytest.mark.django_db


def test_the_national_topic_list_is_seeded_and_a_province_may_add_its_own(world: World) -> None:
    codes = set(Topic.objects.filter(province=None).values_list("code", flat=True))
    assert {"literacy", "post_literacy", "digital_skills", "life_skills", "info_literacy"} <= codes
    Topic.objects.create(code="ocop", name="Sản phẩm OCOP", province=world.province)
    usable = set(Topic.objects.usable_at(world.commune).values_list("code", flat=True))
    assert "ocop" in usable and "literacy" in usable
    assert "ocop" not in set(
        Topic.objects.usable_at(world.far_commune).values_list("code", flat=True)
    )


def test_a_commune_has_at_most_one_active_community_learning_centre(world: World) -> None:
    factories.centre(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.centre(world, code="TT-2")


def test_a_closed_centre_or_a_library_does_not_block_the_communes_centre(world: World) -> None:
    factories.centre(world, code="TT-OLD")
    Centre.objects.filter(code="TT-OLD").update(status=Centre.Status.CLOSED)
    factories.centre(world, code="TT-NEW")
    factories.centre(world, code="TV-1", kind=Centre.Kind.LIBRARY, name="Thư viện phường")
    assert Centre.objects.active().community_centres().filter(place=world.commune).count() == 1


def test_a_community_learning_centre_sits_at_a_commune_and_only_it_is_a_pilot(world: World) -> None:
    at_province = Centre(code="X", name="X", kind=Centre.Kind.TTHTCD, place=world.province)
    with pytest.raises(ValidationError, match="thuộc một xã, phường"):
        at_province.full_clean()
    at_hamlet = Centre(code="Y", name="Y", kind=Centre.Kind.LIBRARY, place=world.hamlet)
    with pytest.raises(ValidationError, match="không thuộc thôn"):
        at_hamlet.full_clean()
    library = Centre(
        code="Z", name="Z", kind=Centre.Kind.LIBRARY, place=world.commune, pilot_it=True
    )
    with pytest.raises(ValidationError, match="điểm ứng dụng CNTT"):
        library.full_clean()


def test_networked_means_computers_and_internet(world: World) -> None:
    centre = factories.centre(world)
    assert centre.networked
    centre.internet = False
    assert not centre.networked


def test_a_class_at_a_centre_belongs_to_the_centres_place(world: World) -> None:
    centre = factories.centre(world)
    made = LearningClass.objects.create(
        topic=factories.topic(),
        title="Lớp tin học",
        centre=centre,
        place=world.hamlet,
        start_date=datetime.date(2026, 5, 1),
    )
    made.refresh_from_db()
    assert made.place == world.commune
    assert made.year == 2026


def test_a_class_line_of_a_learning_record_needs_its_participation(world: World) -> None:
    person = registry_factories.person(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        LearningEntry.objects.create(person=person, year=2026, kind="class", title="Lớp")
    entry = LearningEntry.objects.create(
        person=person, year=2026, kind=LearningEntry.Kind.ONLINE_COURSE, title="Khóa học trực tuyến"
    )
    assert entry.self_declared and not entry.confirmed
    assert not LearningEntry.objects.counted().exists()


def test_the_centre_officer_manages_classes_of_the_commune_but_not_its_centres(
    world: World,
) -> None:
    officer = factories.centre_officer(world)
    learning_class = factories.learning_class(world)
    assert access.get_class_for_user(officer, learning_class.pk, Capability.MANAGE_CLASSES)
    assert access.get_centre_for_user(officer, learning_class.centre_id or 0)
    with pytest.raises(Http404):
        access.get_centre_for_user(
            officer, learning_class.centre_id or 0, Capability.MANAGE_CENTRES
        )
    assert can(world.commune_officer, Capability.MANAGE_CENTRES, world.commune)
    with pytest.raises(Http404):
        access.get_class_for_user(world.other_officer, learning_class.pk)
    with pytest.raises(Http404):
        access.get_class_for_user(world.outsider, learning_class.pk, Capability.MANAGE_CLASSES)


def test_a_commune_sees_and_reports_into_its_provinces_campaign_but_does_not_manage_it(
    world: World,
) -> None:
    campaign = factories.campaign(world)
    assert access.get_campaign_for_user(world.commune_officer, campaign.pk)
    assert Campaign.objects.visible_to(world.commune_officer, Capability.REPORT).exists()
    with pytest.raises(Http404):
        access.get_campaign_for_user(world.commune_officer, campaign.pk, Capability.MANAGE_CENTRES)
    assert access.get_campaign_for_user(world.coordinator, campaign.pk, Capability.MANAGE_CENTRES)
    with pytest.raises(Http404):
        access.get_campaign_for_user(world.outsider, campaign.pk)
