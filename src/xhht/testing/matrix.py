"""The permission matrix: for every URL of the system, who succeeds and who is turned away.

Each app lists its URLs in ``xhht/<app>/tests/matrix.py`` as ``MATRIX = {url_name: Entry(...)}``.
``core/tests/test_permission_matrix.py`` fails when a URL has no entry, and checks every
persona of ``testing.world`` against every entry: the allowed ones get a success, all others a
403 or 404, and an anonymous visitor is sent to the login page (pages) or refused (API).

Every method of every URL is tried, through a client that enforces CSRF: a form page (a GET
entry, the default) also takes a POST (``post_data``, or nothing at all), which the allowed
personas may send without a 500 and everyone else is refused; a page that only shows something
says so with ``get_only`` and answers 405 to a POST; a POST entry answers 405 to a GET; PUT,
PATCH and DELETE get 405 everywhere; a POST without the CSRF token gets 403. A refused request
never writes an audit entry (every change of the system writes one).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from xhht.testing.world import PERSONAS, World

#: Everyone who may view the places of ``world.commune`` and ``world.hamlet`` (bodies of the
#: province see the province).
VIEW_COMMUNE = frozenset(
    {
        "admin",
        "coordinator",
        "commune_officer",
        "association_officer",
        "province_association_officer",
        "body_officer",
        "other_body_officer",
        "reviewer",
    }
)
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
    #: A GET entry for a page that only shows something: a POST gets 405.
    get_only: bool = False
    #: The POST a form page (a GET entry that is not ``get_only``) is sent: minimal or empty.
    post_data: Callable[[World], dict[str, Any]] | None = None
    #: What an allowed persona gets for a method the URL does not take (405; Django's own
    #: language switch and login page redirect instead).
    other_method_statuses: frozenset[int] = field(default_factory=lambda: frozenset({405}))

    @property
    def takes_post(self) -> bool:
        return self.method == "post" or not self.get_only


#: Statuses an allowed persona may get for a form sent with empty or minimal data: the form back
#: with its errors, a redirect, a refusal of the content or a conflict, never a 500.
FORM_STATUSES = frozenset({200, 302, 400, 409})


def all_entries() -> dict[str, Entry]:
    """Every app's entries, keyed by URL name."""
    # Test discovery: each installed app's ``tests.matrix`` is found by name at run time, and
    # the app registry is only ready once Django has set up (not when this module is imported).
    import importlib

    from django.apps import apps

    entries: dict[str, Entry] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("xhht."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.matrix")
        except ModuleNotFoundError as exc:
            if exc.name not in {f"{config.name}.tests", f"{config.name}.tests.matrix"}:
                raise
            continue
        overlap = set(entries) & set(module.MATRIX)
        assert not overlap, f"URL names listed twice in the matrix: {overlap}"
        entries.update(module.MATRIX)
    return entries
