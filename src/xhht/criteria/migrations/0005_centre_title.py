"""The "centre" kind of criteria set (a TTHTCĐ's yearly self-evaluation, not a title anyone is
recognised for) and, on an existing database, the shipped template for it
(``data/tthtcd-tu-danh-gia.yaml``; a new database gets it through 0002 already)."""

from pathlib import Path

import yaml
from django.db import migrations, models

FILE = Path(__file__).resolve().parent.parent / "data" / "tthtcd-tu-danh-gia.yaml"


def load(apps, schema_editor):
    from xhht.criteria.definition import parse_definition
    from xhht.criteria.serialize import to_data

    CriteriaSet = apps.get_model("criteria", "CriteriaSet")
    definition = parse_definition(yaml.safe_load(FILE.read_text(encoding="utf-8")))
    if CriteriaSet.objects.filter(code=definition.code).exists():
        return
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
    dependencies = [("criteria", "0004_cdht_confirmed_rules")]

    operations = [
        migrations.AlterField(
            model_name="criteriaset",
            name="title",
            field=models.CharField(
                choices=[
                    ("family", "Gia đình học tập"),
                    ("clan", "Dòng họ học tập"),
                    ("community", "Cộng đồng học tập"),
                    ("unit", "Đơn vị học tập"),
                    ("citizen", "Công dân học tập"),
                    ("commune", "Cộng đồng học tập cấp xã"),
                    ("centre", "Trung tâm học tập cộng đồng"),
                ],
                max_length=20,
                verbose_name="danh hiệu",
            ),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
