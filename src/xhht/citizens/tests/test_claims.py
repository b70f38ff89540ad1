"""Confirming or refusing a claim: who may, what it links, two accounts claiming one CCCD."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from xhht.accounts.models import RoleAssignment, User
from xhht.accounts.roles import Role
from xhht.audit.models import AuditEntry
from xhht.citizens import actions, retention
from xhht.citizens.models import Claim
from xhht.citizens.tests import factories
from xhht.core.workflow import StepRefused
from xhht.jobs.retention import purge
from xhht.registry.models import Person
from xhht.testing.clients import ClientFor
from xhht.testing.world import World


def _own_page(client: Client) -> str:
    html = client.get(reverse("citizens:me")).content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'"X-CSRFToken": "[^"]+"', "", html)
    return re.sub(r"Citizen|cd\d{8}", "NAME", html)


def _register(w: World) -> tuple[Client, Claim]:
    client = Client()
    response = client.post(reverse("citizens:register"), factories.registration(w))
    assert response.status_code == 302
    return client, Claim.objects.latest("pk")


def test_the_hamlet_head_confirms_and_the_account_is_linked_to_the_record(
    world: World, client_for: ClientFor
) -> None:
    person = factories.person(world)
    citizen, claim = _register(world)
    officer = client_for(world.hamlet_head)

    page = officer.get(reverse("citizens:claim_detail", args=[claim.pk])).content.decode()
    assert person.full_name in page and "*********321" in page
    assert factories.CCCD not in page  # a hamlet head never reads a full CCCD
    response = officer.post(reverse("citizens:claim_detail", args=[claim.pk]), {"do": "confirm"})

    assert response.status_code == 302
    person.refresh_from_db()
    claim.refresh_from_db()
    assert person.user == claim.account
    assert claim.state == Claim.State.CONFIRMED and claim.decided_by == world.hamlet_head
    assert claim.national_id_encrypted == "" == claim.national_id_digest  # forgotten once decided
    roles = RoleAssignment.objects.filter(user=claim.account)
    assert list(roles.values_list("role", "place")) == [(Role.CITIZEN, world.hamlet.pk)]
    steps = set(AuditEntry.objects.values_list("step", flat=True))
    assert {"claim_registered", "claim_confirmed", "account_linked"} <= steps
    assert "Trần Thị Bình" in citizen.get(reverse("citizens:me")).content.decode()


def test_the_commune_officer_sees_the_full_cccd_and_the_opening_is_audited(
    world: World, client_for: ClientFor
) -> None:
    factories.person(world)
    _client, claim = _register(world)
    page = client_for(world.commune_officer).get(reverse("citizens:claim_detail", args=[claim.pk]))
    assert factories.CCCD in page.content.decode()
    assert AuditEntry.objects.filter(step="view_claim", actor=world.commune_officer).exists()


@pytest.mark.parametrize("persona", ["other_officer", "outsider", "citizen", "reviewer"])
def test_no_one_outside_the_place_sees_or_confirms_a_claim(
    world: World, client_for: ClientFor, persona: str
) -> None:
    person = factories.person(world)
    _client, claim = _register(world)
    user = getattr(world, persona)
    client = client_for(user)
    url = reverse("citizens:claim_detail", args=[claim.pk])

    assert client.get(url).status_code in {403, 404}
    assert client.post(url, {"do": "confirm"}).status_code in {403, 404}
    assert claim.full_name not in client.get(reverse("citizens:claim_queue")).content.decode()
    with pytest.raises(PermissionDenied):
        actions.confirm_claim(actor=user, claim=claim)
    person.refresh_from_db()
    assert person.user is None
    assert Claim.objects.get().state == Claim.State.PENDING


def test_two_accounts_claiming_one_cccd_both_wait_and_only_one_is_linked(
    world: World, client_for: ClientFor
) -> None:
    person = factories.person(world)
    first, first_claim = _register(world)
    second, second_claim = _register(world)
    second_before = _own_page(second)
    assert _own_page(first) == second_before  # both read the same: their claim waits

    officer = client_for(world.hamlet_head)
    queue = officer.get(reverse("citizens:claim_queue")).content.decode()
    assert queue.count('data-testid="claim-line"') == 2
    officer.post(reverse("citizens:claim_detail", args=[first_claim.pk]), {"do": "confirm"})

    # The second claimant learns nothing about the first: their page has not changed.
    assert _own_page(second) == second_before
    # The officer sees the record is taken and cannot confirm the second.
    page = officer.get(reverse("citizens:claim_detail", args=[second_claim.pk])).content.decode()
    assert 'data-testid="taken"' in page and 'data-testid="confirm"' not in page
    second_claim.refresh_from_db()
    with pytest.raises(StepRefused, match="đã có tài khoản liên kết"):
        actions.confirm_claim(actor=world.commune_officer, claim=second_claim)
    response = officer.post(
        reverse("citizens:claim_detail", args=[second_claim.pk]), {"do": "confirm"}, follow=True
    )
    assert "đã có tài khoản liên kết" in response.content.decode()
    person.refresh_from_db()
    assert person.user == first_claim.account
    assert Claim.objects.get(pk=second_claim.pk).state == Claim.State.PENDING

    officer.post(
        reverse("citizens:claim_detail", args=[second_claim.pk]),
        {"do": "refuse", "reason": "Đã có tài khoản cho hồ sơ này; hãy đến nhà văn hóa khu vực."},
    )
    assert Claim.objects.get(pk=second_claim.pk).state == Claim.State.REFUSED
    assert "hãy đến nhà văn hóa khu vực" in _own_page(second)
    assert not Person.objects.filter(user=second_claim.account).exists()


def test_refusing_needs_a_reason_and_links_nothing(world: World) -> None:
    factories.person(world)
    claim = factories.claim(world, matched=Person.objects.get())
    with pytest.raises(StepRefused, match="Hãy ghi lý do"):
        actions.refuse_claim(actor=world.hamlet_head, claim=claim, reason="  ")
    actions.refuse_claim(actor=world.hamlet_head, claim=claim, reason="Sai ngày sinh.")
    claim.refresh_from_db()
    assert claim.state == Claim.State.REFUSED and claim.national_id_encrypted == ""
    with pytest.raises(StepRefused, match="vừa được người khác xử lý"):
        actions.confirm_claim(actor=world.hamlet_head, claim=claim)
    assert Person.objects.get().user is None


def test_an_unmatched_claim_is_linked_only_to_a_record_with_the_same_cccd(world: World) -> None:
    claim = factories.claim(world)  # nobody has the number yet
    other = factories.person(world, cccd="092190001111", name="Trần Thị Bình")
    with pytest.raises(StepRefused, match="Hãy tìm và chọn hồ sơ"):
        actions.confirm_claim(actor=world.commune_officer, claim=claim)
    with pytest.raises(StepRefused, match="khác số người gửi yêu cầu khai"):
        actions.confirm_claim(actor=world.commune_officer, claim=claim, person=other)

    Person.objects.filter(pk=other.pk).update(
        national_id_encrypted="", national_id_digest=None, national_id_last3=""
    )
    other.refresh_from_db()
    actions.confirm_claim(actor=world.commune_officer, claim=claim, person=other)
    other.refresh_from_db()
    assert other.user == claim.account
    assert other.cccd() == factories.CCCD  # the claimant's number now kept on the record


def test_an_officer_cannot_link_a_claim_to_a_record_outside_their_places(world: World) -> None:
    claim = factories.claim(world)
    far = factories.person(world, place=world.other_hamlet, cccd=factories.CCCD)
    with pytest.raises(PermissionDenied):
        actions.confirm_claim(actor=world.hamlet_head, claim=claim, person=far)
    assert Person.objects.get(pk=far.pk).user is None


def test_the_officers_home_page_counts_the_claims_waiting(
    world: World, client_for: ClientFor
) -> None:
    factories.person(world)
    _register(world)
    home = client_for(world.hamlet_head).get(reverse("site:home")).content.decode()
    assert "Công dân chờ xác nhận tài khoản" in home
    other = client_for(world.other_officer).get(reverse("site:home")).content.decode()
    assert "Công dân chờ xác nhận tài khoản" not in other


def test_an_account_already_linked_is_not_linked_twice(world: World) -> None:
    person = factories.person(world)
    claim = factories.claim(world, matched=person)
    other = factories.person(world, cccd="092190002222", name="Lê Văn Cường")
    other.user = claim.account
    other.save(update_fields=["user"])
    with pytest.raises(StepRefused, match="đã được liên kết với một hồ sơ khác"):
        actions.confirm_claim(actor=world.hamlet_head, claim=claim)
    assert User.objects.get(pk=claim.account_id).person == other


def test_the_queue_costs_the_same_whatever_the_number_of_claims(
    world: World, client_for: ClientFor, django_assert_max_num_queries: Any
) -> None:
    person = factories.person(world)
    officer = client_for(world.commune_officer)
    url = reverse("citizens:claim_queue")
    factories.claim(world, matched=person)
    officer.get(url)  # the session and the officer's scope, read once
    with CaptureQueriesContext(connection) as few:
        officer.get(url)
    for _ in range(12):
        factories.claim(world, matched=person)
        factories.claim(world)
    with django_assert_max_num_queries(len(few)):
        page = officer.get(url)
    assert page.content.decode().count('data-testid="claim-line"') == 20  # one page


def test_an_oversized_reason_is_refused_on_the_page_and_the_claim_still_waits(
    world: World, client_for: ClientFor
) -> None:
    claim = factories.claim(world)
    url = reverse("citizens:claim_detail", args=[claim.pk])
    page = client_for(world.hamlet_head).get(url).content.decode()
    refuse_form = page.split('data-testid="refuse-form"')[1].split("</form>")[0]
    assert "Lý do không xác nhận (bắt buộc khi không xác nhận)" in refuse_form
    assert 'data-testid="refuse"' in refuse_form  # the label sits beside the button it is for
    response = client_for(world.hamlet_head).post(url, {"do": "refuse", "reason": "x" * 501})
    assert response.status_code == 200
    assert "tối đa 500 kí tự" in response.content.decode()
    assert Claim.objects.get().state == Claim.State.PENDING
    empty = client_for(world.hamlet_head).post(url, {"do": "refuse", "reason": ""})
    assert "Hãy ghi lý do để người gửi biết cần làm gì." in empty.content.decode()
    assert not AuditEntry.objects.filter(step="claim_refused").exists()


def test_a_claim_nobody_decided_is_closed_by_the_purge_and_its_cccd_forgotten(
    world: World, client_for: ClientFor
) -> None:
    stale, fresh = factories.claim(world), factories.claim(world)
    now = timezone.now()
    Claim.objects.filter(pk=stale.pk).update(created_at=now - retention.CLAIM_KEEP - timedelta(1))
    assert purge(now)["citizen_claims"] == 1
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.state == Claim.State.REFUSED and stale.national_id_encrypted == ""
    assert fresh.state == Claim.State.PENDING and fresh.cccd() == factories.CCCD
    own = client_for(stale.account).get(reverse("citizens:me")).content.decode()
    assert "Quá 180 ngày chưa được xác nhận" in own
    assert purge(now)["citizen_claims"] == 0
