"""Data migration: the computed indicators ``association_members`` (members of the Hội Khuyến
học) and ``association_branches`` (active branches), counted by ``association.counters``
(issue 18), as catalogue.yaml has them, and every national indicator's position in the catalogue.

Run ``xhht rebuild_rollups`` afterwards: their kept counts start from it.
"""

from typing import Any

from django.db import migrations

CODES = ("association_members", "association_branches")


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
        ("association", "0002_funds"),
        ("indicators", "0006_literacy_learners_computed"),
    ]

    operations = [migrations.RunPython(load, unload)]
