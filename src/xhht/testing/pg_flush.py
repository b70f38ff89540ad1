"""Empty the tables after a transactional test on PostgreSQL with DELETE instead of TRUNCATE.

Django's ``flush`` (run after every transactional test: each browser test, each live server)
issues one ``TRUNCATE`` of every table. On PostgreSQL that creates new files for each of about
a hundred tables and their indexes: 0.5–1 s per test on an idle machine and several seconds
under load, while deleting the few rows a test wrote takes about 15 ms. Django creates its
foreign keys ``DEFERRABLE INITIALLY DEFERRED`` and runs the flush in one transaction, so the
rows can go in any order. Only the test suite installs this (``xhht/conftest.py``); a flush
that must also reset sequences keeps Django's TRUNCATE.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def install() -> None:
    try:
        from django.db.backends.postgresql.operations import DatabaseOperations
    except ImportError:  # psycopg not installed: SQLite only
        return
    original = DatabaseOperations.sql_flush
    if getattr(original, "deletes_rows", False):
        return

    def sql_flush(
        self: DatabaseOperations,
        style: Any,
        tables: Sequence[str],
        *,
        reset_sequences: bool = False,
        allow_cascade: bool = False,
    ) -> list[str]:
        if reset_sequences or not tables:
            return original(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return [
            "SET CONSTRAINTS ALL DEFERRED",
            *(f"DELETE FROM {self.quote_name(table)}" for table in tables),  # noqa: S608 - table names from Django
        ]

    sql_flush.deletes_rows = True  # type: ignore[attr-defined]
    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign,assignment]
