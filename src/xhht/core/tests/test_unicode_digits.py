"""Characters that ``str.isdigit()`` accepts but ``int()`` does not ("²", "①") are refused or
ignored like any other non-number, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from xhht.indicators.imports import _Bad, _year
from xhht.registry.imports.common import parse_birth
from xhht.testing.world import World

SUPERSCRIPT = "²⁰²⁴"


@pytest.mark.django_db
def test_the_dashboard_ignores_a_superscript_year(world: World, client_for: Any) -> None:
    client = client_for(world.coordinator)
    url = reverse("progress:dashboard", args=[world.province.pk])
    assert client.get(url, {"year": SUPERSCRIPT, "plan": SUPERSCRIPT}).status_code == 200


@pytest.mark.django_db
def test_the_progress_api_ignores_a_superscript_year(world: World, client_for: Any) -> None:
    client = client_for(world.coordinator)
    response = client.get(f"/api/v1/progress/{world.province.pk}/", {"year": SUPERSCRIPT})
    assert response.status_code == 200


def test_an_imported_superscript_year_is_a_row_problem() -> None:
    with pytest.raises(_Bad):
        _year(SUPERSCRIPT)


def test_a_superscript_birth_year_is_not_read_as_a_year() -> None:
    assert parse_birth(SUPERSCRIPT) == (None, None)
