"""Writing many people at once, below the ORM (xhht.synthetic and the households importer).

``bulk_create`` spends several times the INSERT itself preparing each value of each row (a
profile of a 10,000-household import: 0.7 s executing SQL out of 11.7 s), so both bulk writers
build plain tuples in the order of ``PERSON_COLUMNS`` and insert them with one ``executemany``.
``xhht/synthetic/tests/test_generator.py`` checks the columns against the model.
"""

from __future__ import annotations

from typing import Any

from django.db import connection

from xhht.registry.models import Household, Person

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


#: The columns of ``registry_household`` a households import writes.
HOUSEHOLD_COLUMNS = (
    "code",
    "place_id",
    "head_name",
    "address",
    "search_text",
    "sort_key",
    "created_at",
    "updated_at",
)


def insert_households(rows: list[tuple[Any, ...]]) -> dict[str, int]:
    """One ``executemany`` of rows in the order of ``HOUSEHOLD_COLUMNS``; their ids by code
    (read back by code: the code is unique)."""
    if not rows:
        return {}
    quote = connection.ops.quote_name
    table = quote(Household._meta.db_table)
    column_of = {field.attname: field.column for field in Household._meta.concrete_fields}
    names = ", ".join(quote(column_of[name]) for name in HOUSEHOLD_COLUMNS)
    values = ", ".join(["%s"] * len(HOUSEHOLD_COLUMNS))
    sql = f"INSERT INTO {table} ({names}) VALUES ({values})"  # noqa: S608 - names from the model; values are parameters
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    codes = [row[0] for row in rows]
    return dict(Household.objects.filter(code__in=codes).values_list("code", "id"))
