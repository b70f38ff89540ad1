"""Association records for tests and the permission matrix, placed in the test world: the
province's association, the commune's (where ``association_officer`` works), a chapter in the
commune's hamlet, and the association of ``other_commune``."""

from __future__ import annotations

import datetime

from xhht.association.models import Branch, Member
from xhht.registry.models import Person
from xhht.registry.tests import factories as registry_factories
from xhht.testing.world import World

JOINED = datetime.date(2024, 3, 1)


def province_branch(w: World) -> Branch:
    return Branch.objects.create(
        name="Hội Khuyến học thành phố Cần Thơ", kind=Branch.Kind.ASSOCIATION, place=w.province
    )


def commune_branch(w: World) -> Branch:
    return Branch.objects.create(
        name="Hội Khuyến học phường Ninh Kiều",
        kind=Branch.Kind.ASSOCIATION,
        place=w.commune,
        parent=w.once("province_branch", province_branch),
    )


def chapter(w: World) -> Branch:
    return Branch.objects.create(
        name="Chi hội khuyến học khu vực 1",
        kind=Branch.Kind.CHAPTER,
        place=w.hamlet,
        parent=w.once("commune_branch", commune_branch),
    )


def other_branch(w: World) -> Branch:
    return Branch.objects.create(
        name="Hội Khuyến học phường Cái Khế",
        kind=Branch.Kind.ASSOCIATION,
        place=w.other_commune,
        parent=w.once("province_branch", province_branch),
    )


def registry_person(w: World) -> Person:
    return w.once("person", registry_factories.person)


def member(w: World, branch: Branch | None = None, name: str = "Trần Thị Bình") -> Member:
    return Member.objects.create(
        branch=branch or w.once("chapter", chapter),
        full_name=name,
        birth_year=1975,
        joined_on=JOINED,
    )
