"""The suite's flush on PostgreSQL (``xhht.testing.pg_flush``) empties every table with DELETE.

Runs on PostgreSQL only (CI's second pass): SQLite's flush is Django's own.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

from xhht.recognition.tests.factories import family_assessment
from xhht.testing.world import build_world

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL (DATABASE_URL)",
    ),
    pytest.mark.django_db(transaction=True),
]


def _row_counts() -> dict[str, int]:
    tables = connection.introspection.django_table_names(only_existing=True)
    with connection.cursor() as cursor:
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def test_the_flush_deletes_rows_linked_by_foreign_keys_in_any_order() -> None:
    world = build_world()
    family_assessment(world, state="recognised")
    assert sum(_row_counts().values()) > 50
    tables = connection.introspection.django_table_names(only_existing=True)
    statements = connection.ops.sql_flush(no_style(), tables)
    assert statements[0] == "SET CONSTRAINTS ALL DEFERRED"
    assert all(s.startswith("DELETE FROM") for s in statements[1:])

    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)

    left = {table: count for table, count in _row_counts().items() if count}
    assert left == {}


def test_a_flush_that_resets_sequences_keeps_djangos_truncate() -> None:
    tables = connection.introspection.django_table_names(only_existing=True)
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
    assert statements[0].startswith("TRUNCATE")
