"""A set with illustrative values says so: the banner, the filter and the notice for documents."""

from __future__ import annotations

from django.template import Context, Template

from xhht.criteria.actions import create_set
from xhht.criteria.models import illustrative_notice
from xhht.criteria.tests.helpers import variant_data
from xhht.testing.world import World

NOTICE = "giá trị minh họa cho bản demo — không phải giá trị chính thức"
PAGE = Template(
    "{% load criteria_tags %}[{% illustrative_banner set %}]({{ set|illustrative_notice }})"
)


def test_an_official_set_shows_nothing(world: World) -> None:
    criteria_set = create_set(user=None, data=variant_data())
    assert PAGE.render(Context({"set": criteria_set})) == "[\n]()"
    assert illustrative_notice(criteria_set) == "" and illustrative_notice(None) == ""


def test_an_illustrative_set_shows_the_banner_and_the_notice(world: World) -> None:
    criteria_set = create_set(user=None, data=variant_data())
    criteria_set.illustrative = True
    html = PAGE.render(Context({"set": criteria_set}))
    assert 'data-testid="illustrative-values"' in html and html.count(NOTICE) == 2
    assert illustrative_notice(criteria_set) == NOTICE
