"""An index on (updated_at, id): each OAI-PMH page (ordered by both, resumed past the last pair of
the previous page) becomes an index range scan instead of a sort of the matching rows."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0002_open_resource_indicators"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="resource",
            index=models.Index(fields=["updated_at", "id"], name="resource_oai_paging"),
        ),
    ]
