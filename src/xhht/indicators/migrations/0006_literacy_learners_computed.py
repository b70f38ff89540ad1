"""Data migration: the new computed indicator ``literacy_learners`` (people 15–60 who completed a
literacy or post-literacy class, counted by ``centres.counters``; issue 15), as catalogue.yaml
has it, and every national indicator's position in the catalogue.

Run ``xhht rebuild_rollups`` afterwards: its kept counts start from it.
"""

from typing import Any

from django.db import migrations

COMPUTED = ("literacy_learners",)


def load(apps: Any, schema_editor: Any) -> None:
    from xhht.indicators.catalogue import FIELDS, read_catalogue

    indicator = apps.get_model("indicators", "Indicator")
    for order, entry in enumerate(read_catalogue(), start=1):
        if entry["code"] in COMPUTED:
            values = {key: entry.get(key) or "" for key in FIELDS}
            values["measure"] = values["measure"] or "rate"
            indicator.objects.update_or_create(
                code=entry["code"], defaults={**values, "order": order, "province": None}
            )
        else:
            indicator.objects.filter(code=entry["code"], province__isnull=True).update(order=order)


def unload(apps: Any, schema_editor: Any) -> None:
    apps.get_model("indicators", "Indicator").objects.filter(
        code__in=COMPUTED, province__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("indicators", "0005_source_includes_learning_records")]

    operations = [migrations.RunPython(load, unload)]
