"""Data migration: ``citizen_digital`` and ``citizen_digital_self`` (learning citizens with
digital skills, and those who updated their record themselves, among the citizens recognised
"Công dân học tập" this year) are computed by ``citizens.learning_counters`` from now on, as
catalogue.yaml has them (source ``registry``, their new descriptions); values entered before
stay in the entered values but are no longer shown for these indicators.

Run ``xhht rebuild_rollups`` afterwards: their kept counts start from it.
"""

from typing import Any

from django.db import migrations

CODES = ("citizen_digital", "citizen_digital_self")


def load(apps: Any, schema_editor: Any) -> None:
    from xhht.indicators.catalogue import read_catalogue

    indicator = apps.get_model("indicators", "Indicator")
    for entry in read_catalogue():
        if entry["code"] in CODES:
            indicator.objects.filter(code=entry["code"], province__isnull=True).update(
                source=entry["source"], description=entry.get("description") or ""
            )


def unload(apps: Any, schema_editor: Any) -> None:
    apps.get_model("indicators", "Indicator").objects.filter(
        code__in=CODES, province__isnull=True
    ).update(source="entered")


class Migration(migrations.Migration):
    dependencies = [("citizens", "0003_learning")]

    operations = [migrations.RunPython(load, unload)]
