"""The API pages its lists: a client asks for at most ``MAX_LIMIT`` rows at a time."""

from __future__ import annotations

from typing import Any

from xhht.core.api import MAX_LIMIT
from xhht.registry.models import Person
from xhht.testing.world import World


def _people(world: World, count: int) -> None:
    Person.objects.bulk_create(
        Person(
            full_name=f"Người thứ {n}", sex=Person.Sex.FEMALE, birth_year=1990, place=world.hamlet
        )
        for n in range(count)
    )


def test_a_huge_limit_gives_one_page_of_at_most_the_cap(world: World, client_for: Any) -> None:
    assert MAX_LIMIT == 500
    _people(world, MAX_LIMIT + 20)
    client = client_for(world.commune_officer)
    body = client.get("/api/v1/people/", {"limit": 10**30}).json()
    assert body["count"] == MAX_LIMIT + 20
    assert len(body["results"]) == MAX_LIMIT
    assert body["next"] is not None
    assert len(client.get("/api/v1/people/").json()["results"]) == 100


def test_a_huge_offset_gives_an_empty_page_not_an_error(world: World, client_for: Any) -> None:
    _people(world, 3)
    response = client_for(world.commune_officer).get("/api/v1/people/", {"offset": 10**30})
    assert response.status_code == 200 and response.json()["results"] == []
