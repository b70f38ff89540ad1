"""Data migration: the computed indicator ``citizen_self_updated`` (citizens who updated their own
record on the platform in a year, counted by ``citizens.counters``; issue 16), as catalogue.yaml
has it, at its position in the catalogue.

Run ``xhht rebuild_rollups`` afterwards: its kept counts start from it.
"""

from typing import Any

from django.db import migrations

CODE = "citizen_self_updated"


def load(apps: Any, schema_editor: Any) -> None:
    from xhht.indicators.catalogue import FIELDS, read_catalogue

    indicator = apps.get_model("indicators", "Indicator")
    for order, entry in enumerate(read_catalogue(), start=1):
        if entry["code"] == CODE:
            values = {key: entry.get(key) or "" for key in FIELDS}
            indicator.objects.update_or_create(
                code=CODE, province=None, defaults={**values, "order": order}
            )


def unload(apps: Any, schema_editor: Any) -> None:
    apps.get_model("indicators", "Indicator").objects.filter(
        code=CODE, province__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("citizens", "0001_claims"),
        ("indicators", "0006_literacy_learners_computed"),
    ]

    operations = [migrations.RunPython(load, unload)]
