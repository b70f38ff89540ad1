"""Finding the subject of a title within the user's scope: by code, by id (a record's page or
the picker), or by a search on name or code (the picker on the registration page).

A citizen is found by id or by name among the people the user may see, never by showing a
CCCD: the picker lists name, birth year and hamlet only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Model

from xhht.accounts.access import visible_places
from xhht.core.text import fold
from xhht.criteria.models import Title
from xhht.places.models import Level, Place
from xhht.recognition.actions.workflow import Subject
from xhht.registry.models import Clan, Household, Person, Unit

if TYPE_CHECKING:
    from xhht.accounts.models import User

#: At most this many matches are listed; a longer list asks for a longer search.
PICKER_LIMIT = 20

#: The title each registry record can be registered for (the buttons on its page).
TITLE_OF_RECORD: dict[type[Model], str] = {
    Household: Title.FAMILY,
    Clan: Title.CLAN,
    Unit: Title.UNIT,
    Person: Title.CITIZEN,
}


@dataclass(frozen=True)
class Choice:
    pk: int
    name: str
    detail: str


#: The titles given to a place, and the level of that place.
PLACE_TITLE_LEVELS: dict[str, str] = {Title.COMMUNITY: Level.HAMLET, Title.COMMUNE: Level.COMMUNE}


def find_by_code(user: User, title: str, code: str) -> Subject | None:
    """The subject with this code among those the user may see; a citizen by CCCD only among
    the people of the user's places (``register`` then needs the right to register them)."""
    code = code.strip()
    if title == Title.FAMILY:
        return Household.objects.visible_to(user).filter(code=code).first()
    if title == Title.CLAN:
        return Clan.objects.visible_to(user).filter(code=code).first()
    if title == Title.UNIT:
        return Unit.objects.visible_to(user).filter(code=code).first()
    if title == Title.CITIZEN:
        return Person.objects.with_cccd(code).filter(pk__in=Person.objects.visible_to(user)).first()
    if title not in PLACE_TITLE_LEVELS:  # not a title recognition gives (a centre's set)
        return None
    level = PLACE_TITLE_LEVELS[title]
    return visible_places(user).current().filter(level=level, code=code).first()


def find_by_pk(user: User, title: str, pk: int) -> Subject | None:
    """The subject with this id among those the user may see (same answer when missing)."""
    if title == Title.FAMILY:
        return Household.objects.visible_to(user).filter(pk=pk).first()
    if title == Title.CLAN:
        return Clan.objects.visible_to(user).filter(pk=pk).first()
    if title == Title.UNIT:
        return Unit.objects.visible_to(user).filter(pk=pk).first()
    if title == Title.CITIZEN:
        return Person.objects.visible_to(user).filter(pk=pk).first()
    if title not in PLACE_TITLE_LEVELS:
        return None
    return visible_places(user).current().filter(level=PLACE_TITLE_LEVELS[title], pk=pk).first()


def search(user: User, title: str, query: str) -> list[Choice]:
    """Up to ``PICKER_LIMIT`` subjects of the title the user may see whose name or code matches
    (with or without diacritics)."""
    if not fold(query):
        return []
    if title == Title.FAMILY:
        households = Household.objects.visible_to(user).search(query).select_related("place")
        return [
            Choice(h.pk, h.head_name, f"{h.code} · {h.place.name}")
            for h in households.order_by("sort_key", "pk")[:PICKER_LIMIT]
        ]
    if title == Title.CLAN:
        clans = Clan.objects.visible_to(user).search(query).select_related("commune")
        return [
            Choice(c.pk, c.name, f"{c.code} · {c.commune.name}")
            for c in clans.order_by("sort_key", "pk")[:PICKER_LIMIT]
        ]
    if title == Title.UNIT:
        units = Unit.objects.visible_to(user).search(query).select_related("place")
        return [
            Choice(u.pk, u.name, f"{u.code} · {u.place.name}")
            for u in units.order_by("sort_key", "pk")[:PICKER_LIMIT]
        ]
    if title == Title.CITIZEN:
        people = Person.objects.visible_to(user).search(query).select_related("place")
        return [
            Choice(p.pk, p.full_name, f"{p.birth_year} · {p.place.name}")
            for p in people.order_by("sort_key", "pk")[:PICKER_LIMIT]
        ]
    if title not in PLACE_TITLE_LEVELS:
        return []
    places = visible_places(user).current().filter(level=PLACE_TITLE_LEVELS[title])
    folded = fold(query)
    matches = places.filter(search_text__contains=folded) | places.filter(code=query.strip())
    return [
        Choice(p.pk, p.name, _parent_name(p))
        for p in matches.select_related("parent").by_name()[:PICKER_LIMIT]
    ]


def _parent_name(place: Place) -> str:
    return f"{place.code} · {place.parent.name}" if place.parent else place.code
