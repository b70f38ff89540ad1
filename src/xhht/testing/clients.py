"""The type of the ``client_for`` fixture (``xhht/conftest.py``)."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from xhht.accounts.models import User

ClientFor = Callable[[User], Client]
"""``client_for(user)``: a test client logged in as that user."""
