"""Data migration: the learning-centre and skills indicators are computed from the records of
the centres app (issue 15): their source, name and description as catalogue.yaml now has them,
the new ``clc_active``, and every national indicator's position in the catalogue.

Run ``xhht rebuild_rollups`` afterwards: the kept counts of these indicators start from it.
"""

from typing import Any

from django.db import migrations

COMPUTED = (
    "info_literacy",
    "life_skills",
    "clc_networked",
    "clc_it",
    "clc_pilot_per_district",
    "clc_active",
)


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


class Migration(migrations.Migration):
    dependencies = [("indicators", "0003_province_boundary_map")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
