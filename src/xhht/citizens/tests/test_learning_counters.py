"""citizen_digital and citizen_digital_self: among the citizens recognised "Công dân học tập" this
year, those with digital skills and those who updated their record themselves; kept by the
recognition's follower and the records' signals, equal to a rebuild."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from pytest_django import Settings

from xhht.centres import record
from xhht.centres.models import LearningClass, Topic
from xhht.centres.tests import factories as centre_factories
from xhht.citizens import learning
from xhht.citizens.learning_counters import CODES
from xhht.citizens.tests import learning_factories as lf
from xhht.indicators.models import LIVE_YEAR, RollupCount
from xhht.indicators.rebuild import rebuild
from xhht.places.models import Place
from xhht.recognition import actions
from xhht.registry.models import Person
from xhht.testing.world import World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(tmp_path: Path, settings: Settings) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def _kept(place: Place | None) -> dict[str, tuple[int, int]]:
    rows = RollupCount.objects.filter(indicator__in=CODES, year=LIVE_YEAR, place=place)
    found = {r.indicator: (r.numerator, r.denominator) for r in rows}
    return {code: found.get(code, (0, 0)) for code in CODES}


def _same_after_rebuild(world: World) -> None:
    kept = {p: _kept(p) for p in (world.hamlet, world.commune, world.province, None)}
    rebuild()
    assert {p: _kept(p) for p in kept} == kept


def _person(world: World) -> Person:
    return world.once("citizen_person", lf.citizen_person)


def test_a_recognised_citizen_counts_then_their_skills_and_their_own_updates(
    world: World,
) -> None:
    person = _person(world)
    assessment = lf.citizen_assessment(world, person)
    assert _kept(world.commune) == {"citizen_digital": (0, 0), "citizen_digital_self": (0, 0)}
    lf.recognise(world, assessment)
    for place in (world.hamlet, world.commune, world.province, None):
        assert _kept(place) == {"citizen_digital": (0, 1), "citizen_digital_self": (0, 1)}
    _same_after_rebuild(world)

    skills = learning.declare_digital_skills(
        user=world.citizen,
        person=person,
        year=assessment.year,
        self_update=False,
        online_learning=True,
        online_services=False,
    )
    assert _kept(world.commune) == {"citizen_digital": (1, 1), "citizen_digital_self": (0, 1)}
    _same_after_rebuild(world)

    learning.add_own_learning(  # declared on the platform: a self-update of the year
        user=world.citizen,
        person=person,
        kind="book",
        title="Đọc sách “Nhà giả kim”",
        year=assessment.year,
        hours=Decimal("5"),
    )
    assert _kept(world.commune) == {"citizen_digital": (1, 1), "citizen_digital_self": (1, 1)}
    _same_after_rebuild(world)

    skills.delete()  # still skilled: updating one's record on the platform is a digital skill
    assert _kept(world.commune) == {"citizen_digital": (1, 1), "citizen_digital_self": (1, 1)}

    actions.revoke(actor=world.commune_officer, assessment=assessment, reason="Nhầm hồ sơ")
    assert _kept(world.province) == {"citizen_digital": (0, 0), "citizen_digital_self": (0, 0)}
    _same_after_rebuild(world)


def test_a_completed_digital_class_and_a_confirmed_digital_line_count_as_skills(
    world: World,
) -> None:
    person = _person(world)
    lf.recognise(world, lf.citizen_assessment(world, person))
    learning_class = centre_factories.learning_class(world)
    learning_class.topic = Topic.objects.get(code=Topic.DIGITAL_SKILLS, province__isnull=True)
    learning_class.save()
    participation = centre_factories.participation(world, of=learning_class, person=person)
    record.keep_class_entries(learning_class=learning_class)
    assert _kept(world.commune)["citizen_digital"] == (0, 1)  # taking part is not completing
    participation.completed = True
    participation.save()
    assert _kept(world.commune)["citizen_digital"] == (1, 1)
    _same_after_rebuild(world)
    LearningClass.objects.filter(pk=learning_class.pk).get().delete()  # the cascade, once
    assert _kept(world.commune)["citizen_digital"] == (0, 1)
    _same_after_rebuild(world)

    line = lf.studied_line(world, person)  # "Kỹ năng số cho mọi người": pending, a self-update
    assert _kept(world.commune) == {"citizen_digital": (1, 1), "citizen_digital_self": (1, 1)}
    record.confirm_entry(user=world.commune_officer, entry=line.entry)
    assert _kept(world.commune)["citizen_digital"] == (1, 1)
    _same_after_rebuild(world)


def test_citizens_not_recognised_this_year_count_nowhere(world: World) -> None:
    person = _person(world)
    lf.citizen_assessment(world, person)  # registered, not recognised
    lf.studied_line(world, person)
    learning.declare_digital_skills(
        user=world.citizen,
        person=person,
        year=2026,
        self_update=True,
        online_learning=True,
        online_services=True,
    )
    assert not RollupCount.objects.filter(indicator__in=CODES).exclude(numerator=0, denominator=0)
