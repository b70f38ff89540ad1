"""Brings the shipped "Công dân học tập" set (QĐ 324/QĐ-KHVN) on an existing database up to its
file: the date 25/10/2023, the four subject groups, 100 points and the pass rule (from 80 points,
no indicator below 5), confirmed in ../shared/research/vn-criteria-turn2.md §1.

Only while no assessment used the set (a used one is revised by ``xhht load_criteria --shipped``,
which makes a new version). A new database gets the file through 0002 already.
"""

from pathlib import Path

import yaml
from django.db import migrations

FILE = Path(__file__).resolve().parent.parent / "data" / "hkh324-cong-dan-hoc-tap.yaml"


def update(apps, schema_editor):
    from xhht.criteria.definition import parse_definition
    from xhht.criteria.serialize import to_data

    CriteriaSet = apps.get_model("criteria", "CriteriaSet")
    definition = parse_definition(yaml.safe_load(FILE.read_text(encoding="utf-8")))
    row = (
        CriteriaSet.objects.filter(code=definition.code, shipped=True).order_by("-version").first()
    )
    if row is None or row.used_at is not None:
        return
    wanted = {**to_data(definition), "version": row.version}
    if row.definition_json == wanted:
        return
    complete = definition.is_complete()
    row.definition_json = wanted
    row.legal_date = definition.legal_date
    row.legal_url = definition.legal_url
    row.complete = complete
    if row.status != "retired":
        row.status = "active" if complete else "template"
    row.save()


class Migration(migrations.Migration):
    dependencies = [("criteria", "0003_illustrative_values")]

    operations = [migrations.RunPython(update, migrations.RunPython.noop)]
