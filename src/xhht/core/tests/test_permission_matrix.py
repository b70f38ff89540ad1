"""Every URL pattern and API endpoint, every persona: in scope succeeds, out of scope is refused."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from xhht.testing.matrix import Entry, all_entries
from xhht.testing.world import PERSONAS, World, build_world

#: Django's admin has its own (staff-only) permission system, tested in test_admin_is_staff_only.
EXEMPT_NAMESPACES = {"admin"}


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


def _request(client: Client, entry: Entry, world: World) -> int:
    url = entry.url(world)
    data = entry.data(world) if entry.data else {}
    response = client.post(url, data) if entry.method == "post" else client.get(url, data)
    return response.status_code


@pytest.fixture(scope="module")
def matrix_world(
    django_db_setup: None, django_db_blocker: pytest.FixtureRequest
) -> Iterator[World]:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        from django.db import transaction

        with transaction.atomic():
            world = build_world()
            # Build every object the entries need now, outside any single test's transaction:
            # each test rolls back what its requests changed, never the shared objects.
            for entry in ENTRIES.values():
                entry.url(world)
                if entry.data:
                    entry.data(world)
            yield world
            transaction.set_rollback(True)


@pytest.mark.django_db  # the test database, even when this test is selected alone
@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_each_persona_gets_what_the_matrix_says(name: str, matrix_world: World) -> None:
    entry = ENTRIES[name]
    failures = []
    for persona in PERSONAS:
        client = Client()
        client.force_login(getattr(matrix_world, persona))
        status = _request(client, entry, matrix_world)
        if persona in entry.allowed:
            if status not in entry.ok_statuses:
                failures.append(f"{persona}: expected success, got {status}")
        elif status not in {403, 404}:
            failures.append(f"{persona}: expected 403/404, got {status}")
    anonymous = _request(Client(), entry, matrix_world)
    if entry.public:
        if anonymous not in entry.ok_statuses:
            failures.append(f"anonymous: expected success on a public URL, got {anonymous}")
    elif anonymous not in {302, 401, 403}:
        failures.append(f"anonymous: expected login redirect or refusal, got {anonymous}")
    assert not failures, f"{name}: " + "; ".join(failures)


@pytest.mark.django_db
def test_admin_is_staff_only(matrix_world: World) -> None:
    client = Client()
    client.force_login(matrix_world.commune_officer)
    assert client.get("/admin/").status_code == 302  # to the admin login
    client.force_login(matrix_world.admin)
    assert client.get("/admin/").status_code == 200
