"""The permission matrix: for every URL of the system, who succeeds and who is turned away.

Each app lists its URLs in ``xhht/<app>/tests/matrix.py`` as ``MATRIX = {url_name: Entry(...)}``.
``core/tests/test_permission_matrix.py`` fails when a URL has no entry, and checks every
persona of ``testing.world`` against every entry: the allowed ones get a success, all others a
403 or 404, and an anonymous visitor is sent to the login page (pages) or refused (API).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from xhht.testing.world import PERSONAS, World

#: Everyone who may view the places of ``world.commune`` and ``world.hamlet`` (bodies of the
#: province see the province).
VIEW_COMMUNE = frozenset(
    {"admin", "coordinator", "commune_officer", "association_officer", "body_officer",
     "other_body_officer", "reviewer"}
)  # fmt: skip
VIEW_HAMLET = VIEW_COMMUNE | {"hamlet_head"}
MANAGE_COMMUNE_PLACES = frozenset({"admin", "coordinator", "commune_officer"})
EVERY_OFFICER = frozenset(PERSONAS) - {"citizen"}
EVERYONE = frozenset(PERSONAS)


@dataclass(frozen=True)
class Entry:
    url: Callable[[World], str]
    allowed: frozenset[str]
    method: str = "get"
    data: Callable[[World], dict[str, Any]] | None = None
    #: For public pages: an anonymous visitor succeeds too.
    public: bool = False
    #: Statuses that count as success for an allowed persona.
    ok_statuses: frozenset[int] = field(default_factory=lambda: frozenset({200, 302}))


def all_entries() -> dict[str, Entry]:
    """Every app's entries, keyed by URL name."""
    import importlib

    from django.apps import apps

    entries: dict[str, Entry] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("xhht."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.matrix")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.tests.matrix":
                raise
            continue
        overlap = set(entries) & set(module.MATRIX)
        assert not overlap, f"URL names listed twice in the matrix: {overlap}"
        entries.update(module.MATRIX)
    return entries
