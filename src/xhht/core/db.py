"""Which database alias a read-only page uses.

Dashboards and exports read from the replica when ``XHHT_REPLICA_DATABASE_URL`` is set, and from
the primary otherwise; every write goes to the primary. Reads that must see the user's own
change at once (a form just submitted) stay on the primary.
"""

from __future__ import annotations

from django.conf import settings


def read_db() -> str:
    return "replica" if "replica" in settings.DATABASES else "default"
