"""On SQLite, LIKE 'prefix%' uses an index only when the index is COLLATE NOCASE.

PostgreSQL has its own (varchar_pattern_ops) index from 0001; this adds SQLite's.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS place_path_nocase ON places_place (path COLLATE NOCASE)"
        )


def drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP INDEX IF EXISTS place_path_nocase")


class Migration(migrations.Migration):
    dependencies = [("places", "0001_place_tree")]
    operations = [migrations.RunPython(create, drop)]
