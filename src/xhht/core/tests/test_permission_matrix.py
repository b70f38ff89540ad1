"""Every URL pattern and API endpoint, every persona, every method: in scope succeeds, out of scope
is refused, a method the URL does not take gets 405, a POST without the CSRF token gets 403, and
a refused request changes nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from pytest_django import DjangoDbBlocker

from xhht.audit.models import AuditEntry
from xhht.testing.matrix import FORM_STATUSES, Entry, all_entries
from xhht.testing.world import PERSONAS, World, build_world

#: Django's admin has its own (staff-only) permission system, tested in test_admin_is_staff_only.
EXEMPT_NAMESPACES = {"admin"}
#: Methods no page and no API route of the system takes.
OTHER_METHODS = ("put", "patch", "delete")
REFUSED = frozenset({403, 404})
#: An anonymous visitor: sent to the login page (pages) or refused (API).
ANONYMOUS_REFUSED = frozenset({302, 401, 403})
ANONYMOUS = "anonymous"


def _url_names(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = pattern.namespace
            if namespace in EXEMPT_NAMESPACES:
                continue
            yield from _url_names(
                pattern.url_patterns, f"{prefix}{namespace}:" if namespace else prefix
            )
        elif pattern.name:
            yield prefix + pattern.name
        else:
            yield f"<unnamed {pattern.pattern}>"


ENTRIES = all_entries()


def test_every_url_pattern_has_a_matrix_entry() -> None:
    names = set(_url_names(get_resolver().url_patterns))
    # DRF's format-suffix twins (place-detail with .json) share their base entry.
    missing = sorted(n for n in names if n not in ENTRIES)
    assert not missing, f"URLs without a permission-matrix entry: {missing}"
    stale = sorted(set(ENTRIES) - names)
    assert not stale, f"Matrix entries for URLs that no longer exist: {stale}"


@dataclass
class Session:
    """One persona's logged-in session and CSRF token, made once for the whole module: each
    request starts from these cookies again (a logout in one test never spoils the next)."""

    client: Client
    cookies: SimpleCookie
    token: str

    def send(
        self, method: str, url: str, data: dict[str, Any] | None = None, *, csrf: bool = True
    ) -> tuple[int, int]:
        """The status of one request and how many audit entries it wrote, rolled back after."""
        self.client.cookies = SimpleCookie()
        self.client.cookies.update(self.cookies)
        headers = {"X-CSRFToken": self.token} if csrf and method != "get" else {}
        with transaction.atomic():
            before = AuditEntry.objects.count()
            if method == "get":
                response = self.client.get(url, data or {})
            elif method == "post":
                response = self.client.post(url, data or {}, headers=headers)
            else:
                response = self.client.generic(method.upper(), url, headers=headers)
            written = AuditEntry.objects.count() - before
            transaction.set_rollback(True)
        return response.status_code, written


TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _session(persona: str, world: World) -> Session:
    """Log in (unless anonymous) and read the CSRF token from a page, as a browser would."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    if persona == ANONYMOUS:
        page = client.get(reverse("accounts:login"))
    else:
        client.force_login(getattr(world, persona))
        page = client.get(reverse("accounts:profile"))
    match = TOKEN.search(page.content.decode())
    assert match, f"{persona}: no CSRF token on the page ({page.status_code})"
    return Session(client=client, cookies=client.cookies, token=match[1])


@pytest.fixture(scope="module")
def matrix_world(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[World]:
    with django_db_blocker.unblock(), transaction.atomic():
        world = build_world()
        # Build every object the entries need now, outside any single test's transaction:
        # each test rolls back what its requests changed, never the shared objects.
        for entry in ENTRIES.values():
            entry.url(world)
            for data in (entry.data, entry.post_data):
                if data:
                    data(world)
        yield world
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def sessions(matrix_world: World, django_db_blocker: DjangoDbBlocker) -> dict[str, Session]:
    with django_db_blocker.unblock():
        return {name: _session(name, matrix_world) for name in [*PERSONAS, ANONYMOUS]}


def _takes(entry: Entry, method: str) -> bool:
    return method == entry.method or (method == "post" and entry.takes_post)


def _allowed(entry: Entry, persona: str) -> bool:
    return persona in entry.allowed or (persona == ANONYMOUS and entry.public)


def _expected(entry: Entry, method: str, persona: str) -> frozenset[int]:
    """The statuses ``persona`` may get for ``method`` on ``entry``'s URL."""
    refusal = ANONYMOUS_REFUSED if persona == ANONYMOUS else REFUSED
    if not _takes(entry, method):
        return entry.other_method_statuses if _allowed(entry, persona) else refusal | {405}
    if not _allowed(entry, persona):
        return refusal
    return entry.ok_statuses if method == entry.method else FORM_STATUSES


def _data(entry: Entry, method: str, world: World) -> dict[str, Any]:
    if method == entry.method:
        return entry.data(world) if entry.data else {}
    if method == "post" and entry.post_data:
        return entry.post_data(world)
    return {}


def _check(
    entry: Entry, method: str, persona: str, session: Session, url: str, data: dict[str, Any]
) -> str | None:
    """What went wrong when ``persona`` sent ``method`` to ``url``, or None."""
    status, written = session.send(method, url, data)
    expected = _expected(entry, method, persona)
    if status not in expected:
        return f"{persona} {method.upper()}: expected {sorted(expected)}, got {status}"
    if written and not (_takes(entry, method) and _allowed(entry, persona)):
        return f"{persona} {method.upper()}: refused ({status}) but wrote {written} audit entries"
    return None


def _tester(entry: Entry) -> str:
    """The allowed persona that tries the other methods and the POST without a token: the first
    one below the administrator, who passes every check."""
    allowed = [p for p in PERSONAS if p in entry.allowed]
    return next((p for p in allowed if p != "admin"), allowed[0] if allowed else ANONYMOUS)


@pytest.mark.django_db  # the test database, even when this test is selected alone
@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_each_persona_gets_what_the_matrix_says(
    name: str, matrix_world: World, sessions: dict[str, Session]
) -> None:
    entry = ENTRIES[name]
    # One URL for every request: each request is rolled back, so a step's fresh record serves all.
    url = entry.url(matrix_world)
    other = "post" if entry.method == "get" else "get"
    data = {method: _data(entry, method, matrix_world) for method in (entry.method, other)}
    tester = _tester(entry)
    checks = [
        *(
            (method, persona)
            for method in (entry.method, other)
            for persona in [*PERSONAS, ANONYMOUS]
        ),
        *((method, tester) for method in OTHER_METHODS),
    ]
    failures = [
        failure
        for method, persona in checks
        if (failure := _check(entry, method, persona, sessions[persona], url, data.get(method, {})))
    ]
    status, written = sessions[tester].send("post", url, csrf=False)
    if status != 403 or written:
        failures.append(f"{tester} POST without CSRF token: expected 403, got {status}")
    assert not failures, f"{name}: " + "; ".join(failures)


@pytest.mark.django_db
def test_admin_is_staff_only(matrix_world: World) -> None:
    client = Client()
    client.force_login(matrix_world.commune_officer)
    assert client.get("/admin/").status_code == 302  # to the admin login
    client.force_login(matrix_world.admin)
    assert client.get("/admin/").status_code == 200
