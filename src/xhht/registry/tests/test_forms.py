"""Creating and editing records: scope of places, CCCD validation, audited opening of a person."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from xhht.audit.models import AuditEntry
from xhht.registry.models import Household, Person
from xhht.registry.tests import factories
from xhht.testing.world import World

pytestmark = pytest.mark.django_db


def person_data(world: World, **changes: Any) -> dict[str, Any]:
    data = {
        "full_name": "Trần Thị Bình",
        "sex": "F",
        "birth_year": 1990,
        "ethnicity": "Kinh",
        "education": "university",
        "occupation": "official",
        "place": world.hamlet.pk,
        "cccd": "092190000111",
        "relation": "",
    }
    return data | changes


def test_a_commune_officer_adds_a_person_and_the_cccd_is_stored_only_encrypted(
    world: World, client_for: Any
) -> None:
    response = client_for(world.commune_officer).post(
        reverse("registry:person_create"), person_data(world)
    )
    assert response.status_code == 302
    person = Person.objects.get()
    assert person.cccd() == "092190000111"
    assert "092190000111" not in person.national_id_encrypted
    assert person.national_id_last3 == "111"


@pytest.mark.parametrize(
    ("cccd", "message"),
    [("12345", "Số CCCD phải gồm đúng 12 chữ số."), ("092185001234", "Số CCCD này đã có")],
)
def test_a_bad_or_duplicate_cccd_is_refused_in_vietnamese(
    world: World, client_for: Any, cccd: str, message: str
) -> None:
    factories.person(world)
    response = client_for(world.commune_officer).post(
        reverse("registry:person_create"), person_data(world, cccd=cccd)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Person.objects.count() == 1


def test_an_impossible_birth_year_is_refused(world: World, client_for: Any) -> None:
    response = client_for(world.commune_officer).post(
        reverse("registry:person_create"), person_data(world, birth_year=2150)
    )
    assert "Năm sinh phải từ 1900" in response.content.decode()


def test_an_officer_cannot_create_in_another_commune(world: World, client_for: Any) -> None:
    response = client_for(world.other_officer).post(
        reverse("registry:household_create"),
        {"code": "X-1", "place": world.hamlet.pk, "head_name": "Lê Văn Cường"},
    )
    assert response.status_code == 200
    assert not Household.objects.exists()


def test_opening_a_person_is_audited_and_the_cccd_is_masked_without_the_right(
    world: World, client_for: Any
) -> None:
    person = factories.person(world)
    url = reverse("registry:person_detail", args=[person.pk])
    full = client_for(world.commune_officer).get(url).content.decode()
    assert "092185001234" in full
    masked = client_for(world.reviewer).get(url).content.decode()
    assert "092185001234" not in masked and "*********234" in masked
    views = AuditEntry.objects.filter(action=AuditEntry.Action.VIEW, object_id=str(person.pk))
    assert {e.actor for e in views} == {world.commune_officer, world.reviewer}
