"""Registering and claiming one's record: what is written, what the claimant reads (the same
whatever the CCCD), hostile input refused with nothing written, the per-address limit."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from xhht.accounts.models import RoleAssignment, User
from xhht.accounts.roles import Role
from xhht.audit.models import AuditEntry
from xhht.citizens import actions
from xhht.citizens.models import Claim
from xhht.citizens.tests import factories
from xhht.registry.models import Person
from xhht.testing.world import World

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

REGISTER = "citizens:register"


def _register(w: World, **changes: object) -> tuple[Client, Response]:
    client = Client()
    response = client.post(reverse(REGISTER), factories.registration(w, **changes))
    return client, response


def _pages(client: Client) -> tuple[str, str]:
    """The page after registering and the citizen's own page, with the username taken out."""
    username = User.objects.get(pk=client.session["_auth_user_id"]).username
    after = client.get(reverse("citizens:registered")).content.decode()
    own = client.get(reverse("citizens:me")).content.decode()
    return after.replace(username, "USERNAME"), own.replace(username, "USERNAME")


def _csrf_free(html: str) -> str:
    """Without the per-session CSRF token."""
    import re

    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", html)


def test_registering_creates_an_account_with_no_record_and_a_pending_claim(world: World) -> None:
    person = factories.person(world)
    client, response = _register(world)

    assert response.status_code == 302
    assert response["Location"] == reverse("citizens:registered")
    claim = Claim.objects.get()
    assert claim.state == Claim.State.PENDING
    assert claim.person == person and claim.place == world.hamlet
    assert claim.account.has_usable_password() and claim.account.check_password(factories.PASSWORD)
    assert not Person.objects.filter(user=claim.account).exists()
    assert set(
        RoleAssignment.objects.filter(user=claim.account).values_list("role", flat=True)
    ) == {Role.CITIZEN}
    # The number is kept as the registry keeps one: never in clear.
    assert factories.CCCD not in (claim.national_id_encrypted + claim.national_id_digest)
    assert claim.cccd() == factories.CCCD
    assert AuditEntry.objects.filter(step="claim_registered", object_id=str(claim.pk)).exists()
    assert client.get(reverse("citizens:me")).status_code == 200


@pytest.mark.parametrize("year", [1990, 1975])
def test_a_record_without_a_birth_date_matches_by_birth_year(world: World, year: int) -> None:
    person = factories.person(world)
    Person.objects.filter(pk=person.pk).update(birth_date=None, birth_year=year)
    _register(world)
    assert Claim.objects.get().person_id == (person.pk if year == 1990 else None)


def test_the_answer_is_the_same_for_an_unknown_a_known_and_an_already_claimed_cccd(
    world: World,
) -> None:
    factories.person(world)
    unknown_client, unknown = _register(world, cccd="092190000001")
    known_client, known = _register(world)
    claimed_client, claimed = _register(world)  # the same CCCD a second time

    answers = [(r.status_code, r["Location"]) for r in (unknown, known, claimed)]
    assert answers[0] == answers[1] == answers[2]
    pages = [_pages(c) for c in (unknown_client, known_client, claimed_client)]
    pages = [(_csrf_free(a), _csrf_free(b)) for a, b in pages]
    assert pages[0] == pages[1] == pages[2]
    assert "Yêu cầu đã được gửi; trưởng thôn hoặc cán bộ xã sẽ xác nhận" in pages[0][0]
    # What differs lies only where the officer looks.
    matched = list(Claim.objects.order_by("pk").values_list("person_id", flat=True))
    assert matched[0] is None and matched[1] is not None and matched[1] == matched[2]


def test_registering_does_the_same_queries_whether_or_not_a_record_matches(world: World) -> None:
    factories.person(world)
    counts = []
    for number in ("092190000001", factories.CCCD):
        with CaptureQueriesContext(connection) as queries:
            actions.register_claim(
                cccd=number,
                birth_date=factories.BIRTH,
                phone="0912000111",
                full_name="Trần Thị Bình",
                password=factories.PASSWORD,
                place=world.hamlet,
                address="10.0.0.1",
            )
        counts.append(len(queries))
    assert counts[0] == counts[1]


TOO_LONG = "Nguyễn " * 30


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"cccd": "09219000"}, "Số CCCD phải gồm đúng 12 chữ số."),
        ({"cccd": "0921900043ab"}, "Số CCCD phải gồm đúng 12 chữ số."),
        ({"cccd": "1" * 21}, "tối đa 20 kí tự"),
        (
            {"birth_date": (datetime.date.today() + datetime.timedelta(days=1)).isoformat()},
            "Ngày sinh không được sau hôm nay.",
        ),
        ({"birth_date": "1850-01-01"}, "Năm sinh phải từ 1900"),
        ({"birth_date": "31/02/1990"}, "Ngày sinh không hợp lệ"),
        ({"full_name": TOO_LONG}, "tối đa 150 kí tự"),
        ({"full_name": ""}, "Trường này là bắt buộc"),
        ({"phone": "12"}, "Số điện thoại gồm 9 đến 15 chữ số."),
        ({"phone": "0912<script>"}, "Số điện thoại gồm 9 đến 15 chữ số."),
        ({"password_again": "khac-mat-khau-1"}, "Hai lần nhập mật khẩu không giống nhau."),
        ({"password": "12345678", "password_again": "12345678"}, "Mật khẩu này quá phổ biến."),
        ({"password": "123", "password_again": "123"}, "Mật khẩu phải có ít nhất 8 ký tự."),
        ({"commune": "999999"}, "Hãy chọn lại trong danh sách."),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_written(
    world: World, changes: dict[str, str], message: str
) -> None:
    factories.person(world)
    users = User.objects.count()
    _client, response = _register(world, **changes)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert User.objects.count() == users
    assert not Claim.objects.exists()
    assert not RoleAssignment.objects.filter(role=Role.CITIZEN).exclude(user=world.citizen).exists()


def test_a_hamlet_of_another_commune_is_refused(world: World) -> None:
    _client, response = _register(world, hamlet=world.other_hamlet.pk)
    assert response.status_code == 200
    assert "Hãy chọn lại trong danh sách." in response.content.decode()
    assert not Claim.objects.exists()


def test_a_commune_without_a_hamlet_is_enough_and_the_claim_waits_there(world: World) -> None:
    _register(world, hamlet="", cccd="092190000001")
    claim = Claim.objects.get()
    assert claim.person is None and claim.place == world.commune == claim.claimed_place


def test_one_address_may_register_a_few_times_an_hour_then_waits(world: World) -> None:
    for number in range(actions.REGISTRATIONS_PER_ADDRESS):
        _client, response = _register(world, cccd=f"09219000{number:04d}")
        assert response.status_code == 302
    users = User.objects.count()
    _client, response = _register(world, cccd="092190009000")
    assert response.status_code == 200
    assert "Đã có nhiều đăng ký gửi từ địa chỉ mạng này" in response.content.decode()
    assert User.objects.count() == users
    assert Claim.objects.count() == actions.REGISTRATIONS_PER_ADDRESS


def test_the_commune_and_hamlet_pickers_list_only_current_places_under_the_choice(
    world: World, client: Client
) -> None:
    url = reverse("citizens:place_options")
    communes = client.get(url, {"level": "commune", "province": str(world.province.pk)}).content
    assert world.commune.name.encode() in communes
    assert world.far_commune.name.encode() not in communes
    hamlets = client.get(
        url, {"level": "hamlet", "commune": str(world.commune.pk)}
    ).content.decode()
    assert f'value="{world.hamlet.pk}"' in hamlets
    assert f'value="{world.other_hamlet.pk}"' not in hamlets
    assert client.get(url, {"level": "province"}).content.decode().count("<option") == 1


def test_someone_logged_in_is_sent_to_their_own_page(world: World, client: Client) -> None:
    client.force_login(world.citizen)
    assert client.get(reverse(REGISTER))["Location"] == reverse("citizens:me")
    client.force_login(world.hamlet_head)
    assert client.get(reverse(REGISTER))["Location"] == reverse("site:home")
