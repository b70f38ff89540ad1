"""Data migration: the catalogue's PCGD–XMC indicators (``xmc_level2``, ``pcgd_mn``,
``pcgd_th_level3``, ``pcgd_thcs_level2``, ``pcgd_thcs_level3``) are computed from the kept results
of ``pcgd.kept`` from now on, where a commune has person data — source ``institutions``, so a
value can still be entered where there is none (and then counts instead) — and the new rate
indicator ``literate_15_60``; as catalogue.yaml has them, with every national indicator's
position in the catalogue.

Run ``xhht rebuild_pcgd`` afterwards: the kept results and their counts start from it.
"""

from typing import Any

from django.db import migrations

COMPUTED = ("xmc_level2", "pcgd_mn", "pcgd_th_level3", "pcgd_thcs_level2", "pcgd_thcs_level3")
NEW = ("literate_15_60",)


def load(apps: Any, schema_editor: Any) -> None:
    from xhht.indicators.catalogue import FIELDS, read_catalogue

    indicator = apps.get_model("indicators", "Indicator")
    for order, entry in enumerate(read_catalogue(), start=1):
        national = indicator.objects.filter(code=entry["code"], province__isnull=True)
        if entry["code"] in NEW:
            values = {key: entry.get(key) or "" for key in FIELDS}
            values["measure"] = values["measure"] or "rate"
            indicator.objects.update_or_create(
                code=entry["code"], province=None, defaults={**values, "order": order}
            )
        elif entry["code"] in COMPUTED:
            national.update(
                source=entry["source"], description=entry.get("description") or "", order=order
            )
        else:
            national.update(order=order)


def unload(apps: Any, schema_editor: Any) -> None:
    indicator = apps.get_model("indicators", "Indicator")
    indicator.objects.filter(code__in=NEW, province__isnull=True).delete()
    indicator.objects.filter(code__in=COMPUTED, province__isnull=True).update(source="entered")


class Migration(migrations.Migration):
    dependencies = [
        ("pcgd", "0003_cohort_figure_fed"),
        ("indicators", "0006_literacy_learners_computed"),
    ]

    operations = [migrations.RunPython(load, unload)]
