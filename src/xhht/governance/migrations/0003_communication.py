"""Communication activities, and the computed indicators ``communication_activities`` and
``communication_reach`` (counted by ``governance.counters``) as catalogue.yaml has them. Run
``xhht rebuild_rollups`` afterwards: their kept counts start from it."""

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

CODES = ("communication_activities", "communication_reach")


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
        ('accounts', '0005_centre_officer_role'),
        ('governance', '0002_budgets'),
        ('indicators', '0006_literacy_learners_computed'),
        ('places', '0002_sqlite_path_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CommunicationActivity',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('article', 'Bài viết, tin bài'), ('broadcast', 'Phát thanh, truyền hình'), ('event', 'Sự kiện, mít tinh, hội thi'), ('training', 'Tập huấn, hội nghị')], max_length=20, verbose_name='hình thức')),
                ('title', models.CharField(max_length=300, verbose_name='tên hoạt động')),
                ('date', models.DateField(verbose_name='ngày')),
                ('audience', models.PositiveIntegerField(default=0, verbose_name='số người được tiếp cận')),
                ('link', models.URLField(blank=True, max_length=500, verbose_name='đường dẫn, minh chứng')),
                ('note', models.TextField(blank=True, verbose_name='ghi chú')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('body', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='communication_activities', to='accounts.body', verbose_name='cơ quan thực hiện')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('place', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='communication_activities', to='places.place')),
            ],
            options={
                'verbose_name': 'hoạt động truyền thông',
                'verbose_name_plural': 'hoạt động truyền thông',
                'ordering': ['-date', '-id'],
            },
        ),
        migrations.RunPython(load, unload),
    ]
