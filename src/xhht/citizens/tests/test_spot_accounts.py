"""An officer makes a person's account on the spot: linked at once, password shown once."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from xhht.accounts.models import RoleAssignment, User
from xhht.accounts.roles import Role
from xhht.audit.models import AuditEntry
from xhht.citizens.spot_accounts import create_account_for_person
from xhht.citizens.tests import factories
from xhht.core.workflow import StepRefused
from xhht.testing.clients import ClientFor
from xhht.testing.world import World


def test_the_hamlet_head_makes_an_account_the_citizen_logs_in_with(
    world: World, client_for: ClientFor
) -> None:
    person = factories.person(world)
    url = reverse("citizens:account_create", args=[person.pk])
    response = client_for(world.hamlet_head).post(url, {"username": "", "phone": ""})

    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    html = response.content.decode()
    person.refresh_from_db()
    account = person.user
    assert account is not None and account.username == "0912000111"  # the record's phone
    password = html.split('data-testid="password"><code>')[1].split("</code>")[0]
    assert account.check_password(password)
    assert password not in str(list(AuditEntry.objects.values_list("after", flat=True)))
    assert list(RoleAssignment.objects.filter(user=account).values_list("role", "place")) == [
        (Role.CITIZEN, world.hamlet.pk)
    ]
    assert AuditEntry.objects.filter(step="account_created_on_the_spot").exists()
    citizen = Client()
    logged_in = citizen.post(
        reverse("accounts:login"), {"username": "0912000111", "password": password}
    )
    assert logged_in.status_code == 302
    own = citizen.get(reverse("citizens:me")).content.decode()
    assert "Trần Thị Bình" in own and 'data-testid="change-password"' in own
    changed = citizen.post(
        reverse("accounts:password_change"),
        {
            "old_password": password,
            "new_password1": "Mat-khau-rieng-2026",
            "new_password2": "Mat-khau-rieng-2026",
        },
    )
    assert changed.status_code == 302
    assert 'data-testid="change-password"' not in (
        citizen.get(reverse("citizens:me")).content.decode()
    )

    again = client_for(world.hamlet_head).get(url).content.decode()
    assert "Công dân này đã có tài khoản." in again and password not in again


def test_a_chosen_name_and_a_taken_name(world: World) -> None:
    person = factories.person(world)
    with pytest.raises(StepRefused, match="đã có người dùng"):
        create_account_for_person(actor=world.commune_officer, person=person, username="Citizen")
    with pytest.raises(StepRefused, match="Tên đăng nhập chỉ gồm"):
        create_account_for_person(actor=world.commune_officer, person=person, username="bình")
    user, _password = create_account_for_person(
        actor=world.commune_officer, person=person, username="tran.binh"
    )
    assert user.username == "tran.binh" and user.created_by == world.commune_officer
    with pytest.raises(StepRefused, match="đã có tài khoản"):
        create_account_for_person(actor=world.commune_officer, person=person)


def test_a_taken_phone_falls_back_to_a_generated_name(world: World) -> None:
    User.objects.create_user(username="0912000111", password="x")
    user, _password = create_account_for_person(
        actor=world.hamlet_head, person=factories.person(world)
    )
    assert user.username.startswith("cd") and len(user.username) == 10


@pytest.mark.parametrize("persona", ["other_officer", "outsider", "reviewer", "citizen"])
def test_no_one_outside_the_place_makes_the_account(
    world: World, client_for: ClientFor, persona: str
) -> None:
    person = factories.person(world)
    url = reverse("citizens:account_create", args=[person.pk])
    assert client_for(getattr(world, persona)).post(url).status_code in {403, 404}
    with pytest.raises(PermissionDenied):
        create_account_for_person(actor=getattr(world, persona), person=person)
    person.refresh_from_db()
    assert person.user is None


def test_the_person_page_offers_the_account_only_to_who_keeps_the_registry(
    world: World, client_for: ClientFor
) -> None:
    person = factories.person(world)
    url = reverse("registry:person_detail", args=[person.pk])
    link = reverse("citizens:account_create", args=[person.pk])
    assert link in client_for(world.hamlet_head).get(url).content.decode()
    assert link not in client_for(world.reviewer).get(url).content.decode()
    create_account_for_person(actor=world.hamlet_head, person=person)
    page = client_for(world.hamlet_head).get(url).content.decode()
    assert link not in page and "Công dân đã có tài khoản." in page
