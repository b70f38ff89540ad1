"""Fill the diacritics-free search copy of existing accounts' usernames and full names."""

from typing import Any

from django.db import migrations

from xhht.core.text import fold


def fill(apps: Any, schema_editor: Any) -> None:
    User = apps.get_model("accounts", "User")  # noqa: N806 - a model class
    for user in User.objects.only("pk", "username", "full_name").iterator():
        User.objects.filter(pk=user.pk).update(
            search_text=fold(f"{user.username} {user.full_name}")
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_user_search_text_created_by")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
