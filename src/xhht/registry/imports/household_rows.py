"""The households import's checked rows: what they change, their write, and their keeping.

The write builds plain rows (``registry.bulk``): no model instance per new household or person;
one instance of each computes every search and sort key, so the keys stay the model's. Numbers
are encrypted all at once (``pii.encrypt_cccd_many``).

The preview keeps its checked rows next to the upload (``keep``); the confirmation reads them
back (``load``) instead of parsing the file again, when the places the rows were checked
against (the hamlets under the import's place, by name and code) are still the same. The
database check (codes, numbers, members) is never kept: the confirmation always runs it against
the registry as it is then, so a change made since the preview is never missed.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from typing import Any, cast

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

from xhht.jobs.retention import upload_path
from xhht.places.models import Place
from xhht.registry import pii, pii_guard
from xhht.registry.bulk import PERSON_COLUMNS, insert_households, insert_people
from xhht.registry.imports.common import WRITE_BATCH, chunks, places_by_name
from xhht.registry.imports.name_keys import NameKeys
from xhht.registry.models import Household, Person

PERSON_FIELDS = [
    "full_name",
    "sex",
    "birth_date",
    "birth_year",
    "ethnicity",
    "education",
    "occupation",
    "phone",
    "relation",
    "household_id",
    "place_id",
]
#: Kept checks of files longer than this are not kept (the confirmation reads the file again).
MAX_KEPT_ROWS = 200_000
KEPT_FORMAT = 1


@dataclass(slots=True)
class CheckedPerson:
    row: int
    household_code: str
    values: dict[str, Any]
    cccd: str
    digest: str | None
    #: The number's keyed hash under every readable key, current first (``digest`` is the first).
    hashes: list[str] = field(default_factory=list)


@dataclass
class CheckedHousehold:
    row: int
    code: str
    place: Place
    address: str
    head_name: str = ""
    head_row: int = 0
    broken: bool = False
    existing: Household | None = None
    people: list[CheckedPerson] = field(default_factory=list)


def hash_numbers(people: list[CheckedPerson]) -> None:
    """Each number's keyed hashes, all numbers at once."""
    numbered = [p for p in people if p.cccd]
    for person, hashes in zip(
        numbered, pii.cccd_digests_many([p.cccd for p in numbered]), strict=True
    ):
        person.digest, person.hashes = hashes[0], hashes


def household_outcome(household: CheckedHousehold) -> str:
    existing = household.existing
    if existing is None:
        return "create"
    head_name = household.head_name or existing.head_name
    same = (existing.place_id, existing.head_name, existing.address) == (
        household.place.pk,
        head_name,
        household.address,
    )
    return "unchanged" if same else "update"


def person_outcome(
    match: Person, person: CheckedPerson, households: dict[str, CheckedHousehold]
) -> str:
    household = households[person.household_code]
    wanted = {
        **person.values,
        "household_id": household.existing.pk if household.existing else None,
    }
    same = all(getattr(match, name) == wanted[name] for name in PERSON_FIELDS)
    return "unchanged" if same else "update"


def apply(
    households: dict[str, CheckedHousehold],
    people: list[CheckedPerson],
    matches: dict[int, Person],
) -> None:
    """Write everything in one transaction (the caller's): bulk inserts and updates in batches.

    Raises ``pii_guard.CccdInUse`` before any write when a new person's number is stored
    already (for someone the user could not see, or since the check).
    """
    fresh = (d for p in people if p.digest and p.row not in matches for d in p.hashes)
    if pii_guard.any_in_use(fresh):
        raise pii_guard.CccdInUse
    now = timezone.now()
    stamp = connection.ops.adapt_datetimefield_value(now)
    keys = NameKeys()
    new_households: list[tuple[Any, ...]] = []
    changed_households: list[Household] = []
    for household in households.values():
        outcome = household_outcome(household)
        if outcome == "create":
            search_text, sort_key = keys.of_household(
                household.code, household.head_name, household.address
            )
            new_households.append(
                (
                    household.code,
                    household.place.pk,
                    household.head_name,
                    household.address,
                    search_text,
                    sort_key,
                    stamp,
                    stamp,
                )
            )
        elif outcome == "update":
            record = cast(Household, household.existing)
            record.place, record.address = household.place, household.address
            record.head_name = household.head_name or record.head_name
            record.updated_at = now
            record.refresh_keys()
            changed_households.append(record)
    id_of = {h.code: h.existing.pk for h in households.values() if h.existing is not None}
    for batch in chunks(new_households, WRITE_BATCH):
        id_of.update(insert_households(batch))
    for changed in chunks(changed_households, WRITE_BATCH):
        Household.objects.bulk_update(
            changed, ["place", "head_name", "address", "search_text", "sort_key", "updated_at"]
        )
    new_people: list[CheckedPerson] = []
    changed_people: list[Person] = []
    for person in people:
        match = matches.get(person.row)
        if match is None:
            new_people.append(person)
            continue
        if person_outcome(match, person, households) == "unchanged":
            continue
        for name, value in person.values.items():
            setattr(match, name, value)
        match.household_id = id_of[person.household_code]
        match.updated_at = now
        match.refresh_keys()
        changed_people.append(match)
    for people_batch in chunks(new_people, WRITE_BATCH):
        insert_people(_person_rows(people_batch, id_of, stamp, keys))
    for changed_batch in chunks(changed_people, WRITE_BATCH):
        Person.objects.bulk_update(
            changed_batch,
            [
                *(f.removesuffix("_id") for f in PERSON_FIELDS),
                "search_text",
                "sort_key",
                "updated_at",
            ],
        )


def _person_rows(
    people: list[CheckedPerson], id_of: dict[str, int], stamp: Any, name_keys: NameKeys
) -> list[tuple[Any, ...]]:
    """New people as rows in the order of ``PERSON_COLUMNS``: what ``Person.set_cccd`` and
    ``refresh_keys`` would store, computed once per batch."""
    tokens = iter(pii.encrypt_cccd_many([p.cccd for p in people if p.cccd]))
    rows = []
    for person in people:
        search_text, sort_key = name_keys.of(person.values["full_name"])
        number = person.cccd
        row = {
            **person.values,
            "national_id_encrypted": next(tokens) if number else "",
            "national_id_digest": person.digest if number else None,
            "national_id_last3": number[-3:],
            "unit_id": None,
            "user_id": None,
            "search_text": search_text,
            "sort_key": sort_key,
            "created_at": stamp,
            "updated_at": stamp,
            "household_id": id_of[person.household_code],
        }
        rows.append(tuple(row[column] for column in PERSON_COLUMNS))
    return rows


# --- the preview's checked rows, kept for the confirmation --------------------------------------


def kept_path(token: str) -> str:
    """Beside the upload, and deleted with it (``common.delete_upload``)."""
    return upload_path(token).removesuffix(".xlsx") + ".checked.json"


def _places_version(root: Place) -> list[list[Any]]:
    """What the rows were checked against in the database: each hamlet name and code under
    ``root`` and the place it names (``common.places_by_name``, the lookup itself)."""
    return sorted([name, place.pk] for name, place in places_by_name(root).items())


def keep(
    token: str,
    root: Place,
    rows: int,
    households: dict[str, CheckedHousehold],
    people: list[CheckedPerson],
) -> None:
    """Store the rows of a clean check (no problem row), for the confirmation to write."""
    if rows > MAX_KEPT_ROWS or any(h.broken for h in households.values()):
        return
    kept = {
        "format": KEPT_FORMAT,
        "root": root.pk,
        "places": _places_version(root),
        "rows": rows,
        "households": [
            [h.row, h.code, h.place.pk, h.address, h.head_name, h.head_row]
            for h in households.values()
        ],
        "people": [
            [p.row, p.household_code, p.cccd, {**p.values, "birth_date": _iso(p)}] for p in people
        ],
    }
    name = kept_path(token)
    default_storage.delete(name)
    default_storage.save(name, ContentFile(json.dumps(kept, ensure_ascii=False).encode()))


def _iso(person: CheckedPerson) -> str | None:
    day = person.values["birth_date"]
    return day.isoformat() if day is not None else None


def load(
    token: str, root: Place
) -> tuple[int, dict[str, CheckedHousehold], list[CheckedPerson]] | None:
    """The kept rows of the preview of ``token``, or None when there are none or the places
    they were checked against have changed since (the file is then read again)."""
    name = kept_path(token)
    try:
        with default_storage.open(name, "rb") as file:
            kept = json.loads(file.read())
    except (FileNotFoundError, ValueError):
        return None
    if (kept.get("format"), kept.get("root")) != (KEPT_FORMAT, root.pk):
        return None
    if kept["places"] != _places_version(root):
        return None
    places = Place.objects.in_bulk({h[2] for h in kept["households"]})
    households: dict[str, CheckedHousehold] = {}
    for row, code, place_id, address, head_name, head_row in kept["households"]:
        households[code] = CheckedHousehold(
            row, code, places[place_id], address, head_name, head_row
        )
    people: list[CheckedPerson] = []
    for row, code, cccd, values in kept["people"]:
        if values["birth_date"] is not None:
            values["birth_date"] = datetime.date.fromisoformat(values["birth_date"])
        person = CheckedPerson(row, code, values, cccd, None)
        households[code].people.append(person)
        people.append(person)
    hash_numbers(people)  # under the keys of now: a rotation may have happened since
    return kept["rows"], households, people


def forget(token: str) -> None:
    default_storage.delete(kept_path(token))
