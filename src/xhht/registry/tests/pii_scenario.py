"""Run in a separate process against a file-based SQLite database (see test_personal_data.py).

It adds a person through the form, imports a workbook, and saves two people exports (by an
officer who may see CCCD numbers and by one who may not) into the data directory.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import django


def main(data_dir: Path) -> None:
    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from xhht.registry.tests import workbooks
    from xhht.testing.world import build_world

    call_command("migrate", verbosity=0)
    # The most verbose logs there are: every SQL statement with its parameters.
    logging.getLogger("django.db.backends").setLevel(logging.DEBUG)
    world = build_world()
    officer = Client()
    officer.force_login(world.commune_officer)
    form = {
        "full_name": "Trần Thị Bình",
        "sex": "F",
        "birth_year": 1990,
        "ethnicity": "Kinh",
        "education": "none",
        "occupation": "other",
        "place": world.hamlet.pk,
        "cccd": "092190000111",
        "relation": "",
    }
    assert officer.post(reverse("registry:person_create"), form).status_code == 302
    book = SimpleUploadedFile("ho.xlsx", workbooks.workbook(50, world.hamlet.name).getvalue())
    officer.post(reverse("registry:household_import"), {"place": world.commune.pk, "file": book})
    from xhht.jobs.models import Job

    preview = Job.objects.latest("pk")
    officer.post(reverse("registry:import_confirm", args=[preview.pk]))
    reviewer = Client()
    reviewer.force_login(world.reviewer)
    for name, client in (("export-officer.xlsx", officer), ("export-reviewer.xlsx", reviewer)):
        response = client.get(reverse("registry:person_export"))
        (data_dir / name).write_bytes(b"".join(response.streaming_content))  # type: ignore[attr-defined]  # a FileResponse, typed HttpResponse by the test client
    from django.db import connection

    connection.close()


if __name__ == "__main__":
    main(Path(os.environ["XHHT_DATA_DIR"]))
    sys.exit(0)
