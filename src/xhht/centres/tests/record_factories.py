"""Learning-record objects for tests and the permission matrix: the world's citizen linked to a
person of ``world.hamlet`` (as the demo links its citizen login), and self-declared lines."""

from __future__ import annotations

from decimal import Decimal

from xhht.centres.models import LearningEntry
from xhht.registry.models import Person
from xhht.registry.tests import factories as registry_factories
from xhht.testing.world import World

CITIZEN_CCCD = "092190004321"


def citizen_person(w: World) -> Person:
    """The person record the world's citizen logs in as (``Person.user``), in the household;
    the one another app's matrix already linked, if any (a login has one person)."""
    linked = Person.objects.filter(user=w.citizen).first()
    if linked is not None:
        return linked
    person = registry_factories.person(w, cccd=CITIZEN_CCCD, name="Lê Thị Hoa")
    person.user = w.citizen
    person.relation = Person.Relation.SPOUSE
    person.save()
    return person


def declared(
    w: World,
    person: Person | None = None,
    title: str = "Khóa học trực tuyến “Kỹ năng số cơ bản”",
    year: int = 2026,
    kind: str = LearningEntry.Kind.ONLINE_COURSE,
) -> LearningEntry:
    """A self-declared line waiting for confirmation."""
    return LearningEntry.objects.create(
        person=person or w.once("citizen_person", citizen_person),
        year=year,
        kind=kind,
        title=title,
        hours=Decimal("6"),
        source="onluyen.vn",
    )
