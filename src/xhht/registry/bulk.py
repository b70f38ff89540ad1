"""Writing many people at once, below the ORM (xhht.synthetic and the households importer).

``bulk_create`` spends several times the INSERT itself preparing each value of each row (a
profile of a 10,000-household import: 0.7 s executing SQL out of 11.7 s), so both bulk writers
build plain tuples in the order of ``PERSON_COLUMNS`` and insert them with one ``executemany``.
``xhht/synthetic/tests/test_generator.py`` checks the columns against the model.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection

from xhht.registry.models import Person

#: The columns of ``registry_person``, ``household_id`` last (a generated batch knows it only
#: once its households are in).
PERSON_COLUMNS = (
    "full_name",
    "sex",
    "birth_date",
    "birth_year",
    "ethnicity",
    "education",
    "occupation",
    "national_id_encrypted",
    "national_id_digest",
    "national_id_last3",
    "phone",
    "place_id",
    "relation",
    "unit_id",
    "user_id",
    "search_text",
    "sort_key",
    "created_at",
    "updated_at",
    "household_id",
)
PersonRow = tuple[Any, ...]  # values of PERSON_COLUMNS


def insert_people(rows: list[PersonRow]) -> None:
    """One ``executemany`` of rows in the order of ``PERSON_COLUMNS``."""
    if not rows:
        return
    column_of = {field.attname: field.column for field in Person._meta.concrete_fields}
    columns = [column_of[name] for name in PERSON_COLUMNS]
    quote = connection.ops.quote_name
    table, names = quote(Person._meta.db_table), ", ".join(map(quote, columns))
    values = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({names}) VALUES ({values})"  # noqa: S608 - names from the model; values are parameters
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def person_row(person: Person, now: datetime.datetime) -> PersonRow:
    """An unsaved ``Person`` (search_text and sort_key already set) as a row to insert."""
    stamp = connection.ops.adapt_datetimefield_value(now)
    values = tuple(getattr(person, name) for name in PERSON_COLUMNS[:-3])
    return (*values, stamp, stamp, person.household_id)
