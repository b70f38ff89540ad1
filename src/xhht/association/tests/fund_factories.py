"""Funds for the tests: the commune's association with a fund, and another commune's."""

from __future__ import annotations

import datetime

from xhht.association.models import Branch, Fund
from xhht.places.models import Place
from xhht.registry.models import Person
from xhht.testing.world import World

OPENED = datetime.date(2024, 1, 2)


def branch_at(place: Place, name: str = "") -> Branch:
    branch, _ = Branch.objects.get_or_create(
        place=place,
        name=name or f"Hội Khuyến học {place.name}",
        defaults={"kind": Branch.Kind.ASSOCIATION},
    )
    return branch


def fund_at(place: Place, name: str = "Quỹ khuyến học") -> Fund:
    branch = branch_at(place)
    fund, _ = Fund.objects.get_or_create(
        branch=branch, name=f"{name} {place.name}", defaults={"opened_on": OPENED}
    )
    return fund


def fund(world: World) -> Fund:
    return fund_at(world.commune)


def other_fund(world: World) -> Fund:
    return fund_at(world.other_commune)


def pupil(world: World, name: str = "Trần Thị Học") -> Person:
    return Person.objects.create(
        full_name=name,
        sex=Person.Sex.FEMALE,
        birth_year=2012,
        place=world.hamlet,
        occupation=Person.Occupation.STUDENT,
    )
