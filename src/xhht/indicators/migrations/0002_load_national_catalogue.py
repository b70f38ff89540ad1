"""Data migration: the national indicator catalogue (indicators/data/catalogue.yaml)."""

from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from xhht.indicators.catalogue import load_catalogue, read_catalogue

    load_catalogue(apps.get_model("indicators", "Indicator"), read_catalogue())


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_indicator_catalogue_and_kept_counts")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
