"""Data migration: the computed indicators ``open_resources`` (published resources) and
``open_resources_universities`` (universities and colleges with a published resource), counted by
``resources.counters`` (issue 16), as catalogue.yaml has them, and every national indicator's
position in the catalogue.

Run ``xhht rebuild_rollups`` afterwards: their kept counts start from it.
"""

from typing import Any

from django.db import migrations

CODES = ("open_resources", "open_resources_universities")


def load(apps: Any, schema_editor: Any) -> None:
    from xhht.indicators.catalogue import FIELDS, read_catalogue

    indicator = apps.get_model("indicators", "Indicator")
    for order, entry in enumerate(read_catalogue(), start=1):
        if entry["code"] in CODES:
            values = {key: entry.get(key) or "" for key in FIELDS}
            indicator.objects.update_or_create(
                code=entry["code"], province=None, defaults={**values, "order": order}
            )
        else:
            indicator.objects.filter(code=entry["code"], province__isnull=True).update(order=order)


def unload(apps: Any, schema_editor: Any) -> None:
    apps.get_model("indicators", "Indicator").objects.filter(
        code__in=CODES, province__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0001_resources"),
        ("indicators", "0006_literacy_learners_computed"),
    ]

    operations = [migrations.RunPython(load, unload)]
