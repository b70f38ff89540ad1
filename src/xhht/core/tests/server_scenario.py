"""``python -m xhht.core.tests.server_scenario``: prepare a fresh ``XHHT_DATA_DIR`` for a real
server (migrated SQLite file, the test world) and print, as one line of JSON, session cookies of
the personas test_server_survives_hostile_uploads.py acts as, and the places it imports into."""

from __future__ import annotations

import json
import sys

import django


def main() -> None:
    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from xhht.testing.world import build_world

    call_command("migrate", verbosity=0)
    world = build_world()
    sessions = {}
    for name in ("commune_officer", "coordinator"):
        client = Client()
        client.force_login(getattr(world, name))
        sessions[name] = client.cookies["sessionid"].value
    setup = {"sessions": sessions, "commune": world.commune.pk, "province": world.province.pk}
    sys.stdout.write(json.dumps(setup) + "\n")


if __name__ == "__main__":
    main()
