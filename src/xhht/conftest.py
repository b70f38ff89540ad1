"""Fixtures for the whole suite (pytest finds this file at the package root)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from django.test import Client

from xhht.accounts.models import User
from xhht.testing import pg_flush
from xhht.testing.browser import browser, new_page  # noqa: F401 - fixtures for browser tests
from xhht.testing.clients import ClientFor
from xhht.testing.shipped import restore_shipped_data
from xhht.testing.world import World, build_world

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop
pg_flush.install()  # transactional tests on PostgreSQL empty their tables with DELETE


@pytest.fixture(autouse=True)
def shipped_data(request: pytest.FixtureRequest) -> None:
    """Transactional tests get the rows data migrations ship, even after an earlier flush."""
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
        restore_shipped_data()


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def client_for(client: Client) -> Iterator[ClientFor]:
    """``client_for(user)`` returns a test client logged in as that user."""

    def login(user: User) -> Client:
        fresh = Client()
        fresh.force_login(user)
        return fresh

    yield login
