"""Loads the criteria sets shipped in ``criteria/data`` (national templates) on a new database.

Uses the historical model and the pure definition module; later changes to the shipped files are
loaded with ``xhht load_criteria --shipped``.
"""

from pathlib import Path

import yaml
from django.db import migrations

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def load(apps, schema_editor):
    from xhht.criteria.definition import parse_definition
    from xhht.criteria.serialize import to_data

    CriteriaSet = apps.get_model("criteria", "CriteriaSet")
    for path in sorted(DATA_DIR.glob("*.yaml")):
        definition = parse_definition(yaml.safe_load(path.read_text(encoding="utf-8")))
        if CriteriaSet.objects.filter(code=definition.code).exists():
            continue
        complete = definition.is_complete()
        CriteriaSet.objects.create(
            code=definition.code,
            version=1,
            title=definition.title,
            name=definition.name,
            legal_document=definition.legal_document,
            legal_issuer=definition.legal_issuer,
            legal_date=definition.legal_date,
            legal_url=definition.legal_url,
            valid_from=definition.valid_from,
            valid_to=definition.valid_to,
            status="active" if complete else "template",
            complete=complete,
            definition_json={**to_data(definition), "version": 1},
            shipped=True,
        )


class Migration(migrations.Migration):
    dependencies = [("criteria", "0001_criteria_set")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
