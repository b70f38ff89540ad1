"""Hand-built people for the engine's tests: a person, their schooling row of a year, literacy."""

from __future__ import annotations

from itertools import count
from typing import Any

from xhht.pcgd.models import LiteracyRecord, SchoolingRecord
from xhht.places.models import Place
from xhht.registry.models import Person

#: The school year the engine's tests count (2026–2027); the engine never reads today's date.
YEAR = 2026
_numbers = count(1)


def person(place: Place, age: int, *, year: int = YEAR, **fields: Any) -> Person:
    """A person of ``age`` in school year ``year`` (by birth year) living at ``place``."""
    number = next(_numbers)
    return Person.objects.create(
        full_name=fields.pop("full_name", f"Nguyễn Văn {number}"),
        sex=fields.pop("sex", Person.Sex.MALE),
        birth_year=year - age,
        place=place,
        **fields,
    )


def schooling(who: Person, *, year: int = YEAR, **fields: Any) -> SchoolingRecord:
    fields.setdefault("status", SchoolingRecord.Status.NOT_IN_SCHOOL)
    return SchoolingRecord.objects.create(person=who, school_year=year, **fields)


def enrolled(who: Person, level: str, grade: int | None = None, **fields: Any) -> SchoolingRecord:
    return schooling(
        who, status=SchoolingRecord.Status.ENROLLED, level=level, grade=grade, **fields
    )


def people(place: Place, age: int, n: int, **schooling_fields: Any) -> list[Person]:
    """``n`` people of ``age``, each with a schooling row (``schooling_fields``) of the year."""
    made = [person(place, age) for _ in range(n)]
    for who in made:
        schooling(who, **schooling_fields)
    return made


def literate(who: Person, level: int, reached_year: int | None = None) -> LiteracyRecord:
    return LiteracyRecord.objects.create(person=who, level=level, reached_year=reached_year)
