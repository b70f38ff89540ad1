"""The national list of class topics (a province adds its own in the topic catalogue).

The programme a topic carries out is left empty: the province names it (no document in
../shared/research confirms one programme per topic)."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

NATIONAL_TOPICS = [
    ("literacy", "Xóa mù chữ"),
    ("post_literacy", "Giáo dục tiếp tục sau khi biết chữ"),
    ("law", "Phổ biến, giáo dục pháp luật"),
    ("health", "Chăm sóc sức khỏe"),
    ("agriculture", "Chuyển giao khoa học kỹ thuật nông nghiệp, ngành nghề"),
    ("digital_skills", "Kỹ năng số"),
    ("life_skills", "Kỹ năng sống"),
    ("foreign_languages", "Ngoại ngữ"),
    ("culture", "Văn hóa, văn nghệ, thể thao"),
    ("vocational", "Đào tạo nghề cho người lao động"),
    ("info_literacy", "Năng lực thông tin"),
]


def add_topics(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    topic = apps.get_model("centres", "Topic")
    for position, (code, name) in enumerate(NATIONAL_TOPICS, start=1):
        topic.objects.update_or_create(
            code=code, province=None, defaults={"name": name, "position": position}
        )


def remove_topics(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    topic = apps.get_model("centres", "Topic")
    topic.objects.filter(province=None, code__in=[code for code, _ in NATIONAL_TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [("centres", "0001_initial")]

    operations = [migrations.RunPython(add_topics, remove_topics)]
