"""``literacy_learners``: people 15–60 who completed a literacy or post-literacy class, counted
by the class steps in the same transaction (each person once) and recounted by a rebuild."""

from __future__ import annotations

import pytest

from xhht.centres import classes
from xhht.centres.models import Topic
from xhht.centres.tests import factories
from xhht.indicators import rebuild as rebuild_module
from xhht.indicators.models import LIVE_YEAR, Indicator, RollupCount, Source
from xhht.registry.tests import factories as registry_factories
from xhht.testing.world import World


def kept(code: str, place_id: int) -> tuple[int, int]:
    row = RollupCount.objects.filter(indicator=code, year=LIVE_YEAR, place_id=place_id).first()
    return (row.numerator, row.denominator) if row else (0, 0)


@pytest.mark.django_db
def test_literacy_learners_is_in_the_catalogue_as_computed() -> None:
    indicator = Indicator.objects.get(code="literacy_learners", province=None)
    assert indicator.source == Source.REGISTRY and indicator.is_computed
    assert indicator.name.startswith("Người trong độ tuổi lao động hoàn thành lớp xóa mù chữ")


def test_completing_a_literacy_or_post_literacy_class_counts_a_person_once(
    world: World,
) -> None:
    person = registry_factories.person(world)  # born 1980: of working age
    literacy, post, law = (
        factories.learning_class(world, title=title)
        for title in ("Lớp xóa mù chữ", "Lớp sau xóa mù chữ", "Phổ biến pháp luật")
    )
    for learning_class, code in ((literacy, Topic.LITERACY), (post, Topic.POST_LITERACY)):
        learning_class.topic = factories.topic(code)
        learning_class.save()
    law.topic = factories.topic(Topic.LAW)
    law.save()
    for learning_class in (literacy, post, law):
        classes.add_participants(
            user=world.commune_officer, learning_class=learning_class, people=[person]
        )
    assert kept("literacy_learners", world.commune.pk) == (0, 1)
    classes.close_class(
        user=world.commune_officer,
        learning_class=law,
        completed=[law.participations.get().pk],
        certified=[],
    )
    assert kept("literacy_learners", world.province.pk) == (0, 1)  # another topic
    for learning_class in (post, literacy):
        classes.close_class(
            user=world.commune_officer,
            learning_class=learning_class,
            completed=[learning_class.participations.get().pk],
            certified=[],
        )
    assert kept("literacy_learners", world.commune.pk) == (1, 1)  # two classes, one person
    assert kept("literacy_learners", world.province.pk) == (1, 1)
    assert kept("life_skills", world.province.pk) == (0, 1)
    RollupCount.objects.filter(indicator="literacy_learners").delete()
    rebuild_module.rebuild(None)
    assert kept("literacy_learners", world.province.pk) == (1, 1)  # the rebuild agrees
    post.delete()
    assert kept("literacy_learners", world.province.pk) == (1, 1)  # still the literacy class
    literacy.delete()
    assert kept("literacy_learners", world.province.pk) == (0, 1)
