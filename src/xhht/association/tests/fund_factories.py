"""Funds for the tests: the commune's association with a fund, and another commune's."""

from __future__ import annotations

import datetime

from xhht.association.models import Branch, Fund
from xhht.places.models import Place
from xhht.registry.models import Person
from xhht.testing.world import World

OPENED = datetime.date(2024, 1, 2)


def branch_at(place: Place, name: str = "") -> Branch:
    """The association at ``place`` (another test's factory may have made it already)."""
    found = Branch.objects.filter(place=place, kind=Branch.Kind.ASSOCIATION).first()
    if found is not None:
        return found
    return Branch.objects.create(
        place=place, name=name or f"Hội Khuyến học {place.name}", kind=Branch.Kind.ASSOCIATION
    )


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
