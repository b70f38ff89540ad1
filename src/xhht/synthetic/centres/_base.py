"""What the centre generator's parts share: its counts, a resident as it draws them, and the
plain-tuple row writer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from django.db import connection, models
from django.utils import timezone

Resident = tuple[int, int, str]  # person pk, birth year, sex


@dataclass
class CentreStats:
    communes: int = 0
    skipped: int = 0  # communes that already had an institution, or no people
    centres: int = 0
    classes: int = 0
    talks: int = 0
    sessions: int = 0
    participations: int = 0
    attendances: int = 0
    head_counts: int = 0
    learning_entries: int = 0

    def add(self, other: CentreStats) -> None:
        for field in fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))

    @property
    def rows(self) -> int:
        """Rows written (everything but the communes)."""
        every: int = sum(getattr(self, f.name) for f in fields(self))
        return every - self.communes - self.skipped


class Rows:
    """Plain tuples for one table, written with one ``executemany``. The model's other columns
    get their defaults (a time stamp for ``auto_now``, NULL where allowed), so a field added
    later with a default never breaks the generator."""

    def __init__(self, model: type[models.Model], columns: Sequence[str]) -> None:
        self.model, self.columns, self.rows = model, columns, list[tuple[Any, ...]]()

    def _defaults(self) -> tuple[list[models.Field[Any, Any]], tuple[Any, ...]]:
        now = timezone.now()
        others, values = [], []
        for field in self.model._meta.concrete_fields:
            if field.primary_key or field.attname in self.columns:
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value: Any = now
            else:  # the field's default; "" for text, None where NULL is allowed
                value = field.get_default()
                if value is None and not field.null:
                    raise ValueError(f"{self.model.__name__}.{field.name} needs a value")
            others.append(field)
            values.append(field.get_db_prep_save(value, connection))
        return others, tuple(values)

    def write(self) -> int:
        if self.rows:
            column_of = {f.attname: f.column for f in self.model._meta.concrete_fields}
            others, defaults = self._defaults()
            quote = connection.ops.quote_name
            columns = [column_of[c] for c in self.columns] + [f.column for f in others]
            names = ", ".join(quote(c) for c in columns)
            marks = ", ".join(["%s"] * len(columns))
            table = quote(self.model._meta.db_table)
            sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 - names from the model
            with connection.cursor() as cursor:
                cursor.executemany(sql, [row + defaults for row in self.rows])
        count, self.rows = len(self.rows), []
        return count
