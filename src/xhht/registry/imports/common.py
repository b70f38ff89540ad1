"""What every registry import shares: parsing cells, the plan it shows, bulk lookups, the upload."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, TypeVar

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db.models import ForeignKey, Model, QuerySet
from django.utils.translation import gettext as _

from xhht.core.sheets import RowProblem
from xhht.core.text import fold
from xhht.jobs.retention import upload_path
from xhht.places.models import Level, Place

#: Problems kept for the preview page; the count is always exact.
MAX_PROBLEMS_SHOWN = 500
LOOKUP_CHUNK = 2000
WRITE_BATCH = 2000
T = TypeVar("T")


@dataclass
class ImportPlan:
    """What an import will do (preview) or did (apply): counts by record type, and problems."""

    problems: list[RowProblem] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    rows: int = 0

    def count(self, what: str, outcome: str, n: int = 1) -> None:
        self.counts.setdefault(what, {"create": 0, "update": 0, "unchanged": 0})[outcome] += n

    def problem(self, row: int, message: str) -> None:
        self.problems.append(RowProblem(row, message))

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_result(self) -> dict[str, Any]:
        problems = sorted(self.problems, key=lambda p: p.row)
        return {
            "ok": self.ok,
            "rows": self.rows,
            "counts": self.counts,
            "problem_count": len(problems),
            "problems": [
                {"row": p.row, "message": p.message} for p in problems[:MAX_PROBLEMS_SHOWN]
            ],
        }


M = TypeVar("M", bound=Model)


def by_keys(rows: QuerySet[M], field: str, keys: Iterable[Any], *related: str) -> Iterator[M]:
    """The rows whose ``field`` is one of ``keys`` (a query per 2,000 keys), with the objects of
    the foreign keys ``related`` attached, each fetched by primary key in a query of its own.

    Not ``select_related``: joined, the lookup is planned from the tables' statistics, and
    where PostgreSQL believes a table empty (freshly loaded, not yet analysed) it nests a full
    scan of the places and households inside the loop over the people found: 20 s per batch
    of a 100,000-household re-import, against milliseconds for one table read by its index.
    """
    model = rows.model
    for batch in chunks(keys):
        found = list(rows.filter(**{f"{field}__in": batch}))
        for name in related:
            foreign = model._meta.get_field(name)
            if not isinstance(foreign, ForeignKey):
                raise TypeError(f"{model.__name__}.{name} is not a foreign key")
            target: type[Model] = foreign.related_model  # type: ignore[assignment]  # resolved from 'self' once apps are loaded
            ids = {getattr(row, foreign.attname) for row in found} - {None}
            targets = target._default_manager.in_bulk(ids)
            for row in found:
                pk = getattr(row, foreign.attname)
                if pk is not None:
                    setattr(row, name, targets[pk])
        yield from found


def chunks(items: Iterable[T], size: int = LOOKUP_CHUNK) -> Iterator[list[T]]:
    """Lists of at most ``size`` items: SQLite limits the variables of one statement."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


class Choices:
    """Matches a cell to a choice by its label or value, without diacritics or case."""

    def __init__(self, choices: Iterable[tuple[str, Any]], *extra: tuple[str, str]) -> None:
        self.by_name: dict[str, str] = {}
        self.labels: list[str] = []
        for value, label in choices:
            if not value:
                continue
            self.by_name[fold(str(label))] = value
            self.by_name[fold(value)] = value
            self.labels.append(str(label))
        for name, value in extra:
            self.by_name[fold(name)] = value
        # Cell value → choice: a column repeats a few values a hundred thousand times. Keyed
        # with the type (True == 1 == 1.0 are one dict key) and bounded across imports.
        self._seen: dict[tuple[type, Any], str | None] = {}

    def get(self, raw: Any) -> str | None:
        key = (type(raw), raw)
        try:
            return self._seen[key]
        except KeyError:
            if len(self._seen) >= 10_000:
                self._seen.clear()
            found = self._seen[key] = self.by_name.get(fold(text(raw)))
            return found

    def allowed(self) -> str:
        return "; ".join(self.labels)


def places_by_name(root: Place, *levels: str) -> dict[str, Place]:
    """The current places under ``root`` (itself included) by folded name and by code."""
    found: dict[str, Place] = {}
    places = Place.objects.current().subtree(root).filter(level__in=levels or [Level.HAMLET])
    for place in places:
        found.setdefault(fold(place.name), place)
        found[fold(place.code)] = place
    return found


def parse_birth(raw: Any) -> tuple[datetime.date | None, int | None]:
    """A birth date or a bare year from a cell: a date, "1985", "15/03/1985" or "1985-03-15"."""
    if isinstance(raw, datetime.datetime):
        return raw.date(), raw.year
    if isinstance(raw, datetime.date):
        return raw, raw.year
    value = text(raw)
    if value.isascii() and value.isdigit():  # "²" is a digit to isdigit(), not to int()
        return None, int(value)
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            day = datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
        return day, day.year
    return None, None


def cccd_from_cell(raw: Any) -> str:
    """The CCCD digits of a cell. A number cell lost its leading zeros: a CCCD starts with a
    province code 001–096, so 10 or 11 digits get their zeros back; text must have 12 digits."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        digits = str(int(raw))
        return digits.zfill(12) if 10 <= len(digits) < 12 else digits
    return "".join(ch for ch in text(raw) if ch not in " .-")


# --- the uploaded file, kept between the preview and the confirmation ---------------------------


def store_upload(upload: IO[bytes]) -> str:
    """Keep the upload under MEDIA_ROOT/imports/ and return its token (never the user's name)."""
    token = secrets.token_urlsafe(24)
    upload.seek(0)
    default_storage.save(upload_path(token), File(upload))
    return token


def open_upload(token: str) -> IO[bytes]:
    return default_storage.open(upload_path(token), "rb")


def delete_upload(token: str) -> None:
    """The sheet holds personal data in plain text: it goes as soon as it has been used, with
    the rows its preview kept (``household_rows.keep``)."""
    default_storage.delete(upload_path(token))
    default_storage.delete(upload_path(token).removesuffix(".xlsx") + ".checked.json")


def missing(what: str) -> str:
    return _("thiếu %(what)s.") % {"what": what}
