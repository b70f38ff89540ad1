"""The audit page names people, never their accounts: user names, e-mails and phones are shown
only to whoever manages the accounts of the entry's place."""

from __future__ import annotations

from typing import Any

from xhht.accounts import actions
from xhht.accounts.models import RoleAssignment, User
from xhht.accounts.roles import Role
from xhht.testing.world import PASSWORD, World


def _manager(world: World) -> User:
    manager = User.objects.create_user(
        username="quanly.tinh", password=PASSWORD, full_name="Trần Thị Quản Lý"
    )
    RoleAssignment.objects.create(
        user=manager, role=Role.PROVINCE_COORDINATOR, place=world.province
    )
    return manager


def _new_account(world: World) -> User:
    account, _password = actions.create_account(
        manager=_manager(world),
        username="nguyenvanb",
        full_name="Nguyễn Văn Bình",
        phone="0912345678",
        email="binh@example.vn",
    )
    actions.update_account(
        manager=User.objects.get(username="quanly.tinh"),
        user=account,
        full_name="Nguyễn Văn Bình",
        phone="0987654321",
        email="binh.nv@example.vn",
    )
    return account


SECRETS = ["quanly.tinh", "nguyenvanb", "0912345678", "binh@example.vn", "0987654321"]


def test_a_body_officer_sees_names_but_no_user_names_e_mails_or_phones(
    world: World, client_for: Any
) -> None:
    _new_account(world)
    page = client_for(world.body_officer).get("/audit/").content.decode()
    assert "Trần Thị Quản Lý" in page and "Nguyễn Văn Bình" in page
    for secret in SECRETS:
        assert secret not in page, secret


def test_an_actor_without_a_full_name_is_shown_by_role_and_place(
    world: World, client_for: Any
) -> None:
    manager = _manager(world)
    manager.full_name = ""
    manager.save()
    actions.create_account(manager=manager, username="tranthic", full_name="Trần Thị C")
    page = client_for(world.body_officer).get("/audit/").content.decode()
    assert "quanly.tinh" not in page
    assert "Điều phối cấp tỉnh (Sở GD&amp;ĐT, Ban Chỉ đạo) · Thành phố Cần Thơ" in page


def test_the_province_account_manager_still_sees_the_account_details(
    world: World, client_for: Any
) -> None:
    _new_account(world)
    page = client_for(world.coordinator).get("/audit/").content.decode()
    for secret in SECRETS:
        assert secret in page, secret


def test_a_reports_history_names_the_reporter_without_their_user_name(
    world: World, client_for: Any
) -> None:
    from xhht.reporting.tests.factories import commune_submission
    from xhht.reporting.tests.helpers import fill

    report = commune_submission(world)
    fill(report, world.commune_officer, [3, 4])
    page = client_for(world.association_officer).get(f"/reporting/reports/{report.pk}/")
    history = page.content.decode().split('data-testid="history"')[1]
    assert "Commune_Officer" in history and "commune_officer" not in history
