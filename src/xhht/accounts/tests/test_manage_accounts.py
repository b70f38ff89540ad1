"""Managing accounts: create, search, edit, lock and unlock, reset the password; all audited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from xhht.accounts import actions
from xhht.accounts.models import RoleAssignment, User
from xhht.accounts.roles import Role
from xhht.audit.models import AuditEntry
from xhht.testing.clients import ClientFor
from xhht.testing.world import PASSWORD, World

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

STRONG = "Học-tập-suốt-đời-2030"


def _login(username: str, password: str) -> int:
    response = Client().post(
        reverse("accounts:login"), {"username": username, "password": password}
    )
    return response.status_code


def _create(client: Client, **extra: str) -> Response:
    data = {"username": "can_bo_moi", "full_name": "Nguyễn Thị Mai", "phone": "0901234567"}
    data.update(extra)
    response: Response = client.post(reverse("accounts:manage_user_create"), data)
    return response


def test_a_coordinator_creates_a_commune_officer_who_then_sees_only_that_commune(
    world: World, client_for: ClientFor
) -> None:
    coordinator = client_for(world.coordinator)
    response = _create(coordinator, password=STRONG)
    account = User.objects.get(username="can_bo_moi")
    assert response.status_code == 302 and account.created_by == world.coordinator
    response = coordinator.post(
        reverse("accounts:manage_role_add", args=[account.pk]),
        {"role": Role.COMMUNE_OFFICER, "place": world.commune.pk},
    )
    assert response.status_code == 302
    officer = Client()
    assert (
        officer.post(
            reverse("accounts:login"), {"username": "can_bo_moi", "password": STRONG}
        ).status_code
        == 302
    )
    landing = officer.get(reverse("places:index"))
    assert landing["Location"] == reverse("places:detail", args=[world.commune.pk])
    assert officer.get(reverse("places:detail", args=[world.commune.pk])).status_code == 200
    assert officer.get(reverse("places:detail", args=[world.other_commune.pk])).status_code == 404
    assert officer.get(reverse("places:detail", args=[world.province.pk])).status_code == 404


def test_a_generated_password_is_shown_once_and_works(world: World, client_for: ClientFor) -> None:
    response = _create(client_for(world.coordinator))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    password = response.context["password"]
    assert password in response.content.decode()
    assert _login("can_bo_moi", password) == 302
    step = AuditEntry.objects.get(step="account_created")
    assert password not in str(step.after) and step.place == world.province


def test_a_duplicate_username_and_a_weak_password_are_refused_in_vietnamese(
    world: World, client_for: ClientFor
) -> None:
    coordinator = client_for(world.coordinator)
    page = _create(coordinator, username="COMMUNE_OFFICER").content.decode()
    assert "Tên đăng nhập “COMMUNE_OFFICER” đã có người dùng; hãy chọn tên khác." in page
    page = _create(coordinator, password="12345678").content.decode()
    assert "Mật khẩu này quá phổ biến." in page and "Mật khẩu này hoàn toàn là số." in page
    assert not User.objects.filter(username="can_bo_moi").exists()


def test_the_list_finds_accounts_without_diacritics_inside_the_scope_only(
    world: World, client_for: ClientFor, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    world.commune_officer.full_name = "Lê Văn Đức"
    world.commune_officer.save()
    world.outsider.full_name = "Lê Văn Đức"
    world.outsider.save()
    coordinator = client_for(world.coordinator)
    with django_assert_max_num_queries(12):
        page = coordinator.get(reverse("accounts:manage_users"), {"q": "le van duc"})
    users = list(page.context["page"])
    assert users == [world.commune_officer]
    everyone = coordinator.get(reverse("accounts:manage_users")).context["page"]
    names = {u.username for u in everyone}
    assert "body_officer" in names and "outsider" not in names and "admin" not in names


def test_a_locked_account_cannot_log_in_until_unlocked(world: World, client_for: ClientFor) -> None:
    coordinator = client_for(world.coordinator)
    url = reverse("accounts:manage_user_active", args=[world.commune_officer.pk])
    assert coordinator.post(url, {"reason": "Chuyển công tác"}).status_code == 302
    world.commune_officer.refresh_from_db()
    assert not world.commune_officer.is_active
    assert _login("commune_officer", PASSWORD) == 200
    entry = AuditEntry.objects.get(step="account_deactivated")
    assert entry.reason == "Chuyển công tác" and entry.actor == world.coordinator
    coordinator.post(url)
    assert _login("commune_officer", PASSWORD) == 302
    assert User.objects.filter(pk=world.commune_officer.pk).exists()


def test_a_password_reset_replaces_the_old_password(world: World, client_for: ClientFor) -> None:
    coordinator = client_for(world.coordinator)
    url = reverse("accounts:manage_user_password", args=[world.hamlet_head.pk])
    assert "Đặt lại mật khẩu" in coordinator.get(url).content.decode()
    response = coordinator.post(url)
    password = response.context["password"]
    assert _login("hamlet_head", PASSWORD) == 200
    assert _login("hamlet_head", password) == 302
    assert AuditEntry.objects.filter(step="password_reset", actor=world.coordinator).exists()


def test_an_account_with_a_role_elsewhere_is_not_taken_over(
    world: World, client_for: ClientFor
) -> None:
    RoleAssignment.objects.create(
        user=world.commune_officer, role=Role.REVIEWER, place=world.far_commune
    )
    coordinator = client_for(world.coordinator)
    url = reverse("accounts:manage_user_password", args=[world.commune_officer.pk])
    assert coordinator.post(url).status_code == 302
    assert _login("commune_officer", PASSWORD) == 302
    assert not AuditEntry.objects.filter(step="password_reset").exists()


def test_nobody_outside_the_scope_sees_or_changes_an_account(
    world: World, client_for: ClientFor
) -> None:
    coordinator = client_for(world.coordinator)
    for name in ("manage_user", "manage_user_password", "manage_user_active"):
        assert (
            coordinator.get(reverse(f"accounts:{name}", args=[world.outsider.pk])).status_code
            == 404
        )
        if name != "manage_user":  # the account's page takes no POST (405, require_safe)
            assert (
                coordinator.post(reverse(f"accounts:{name}", args=[world.admin.pk])).status_code
                == 404
            )
    officer = client_for(world.commune_officer)
    url = reverse("accounts:manage_user_active", args=[world.hamlet_head.pk])
    assert officer.post(url).status_code == 403
    world.hamlet_head.refresh_from_db()
    assert world.hamlet_head.is_active


def test_a_manager_cannot_lock_themselves(world: World) -> None:
    try:
        actions.set_active(manager=world.coordinator, user=world.coordinator, active=False)
    except actions.AccountError as error:
        assert "tự khóa" in error.message
    else:  # pragma: no cover - the test fails here
        raise AssertionError("a manager locked themselves")
    world.coordinator.refresh_from_db()
    assert world.coordinator.is_active


def test_editing_an_account_records_before_and_after(world: World, client_for: ClientFor) -> None:
    coordinator = client_for(world.coordinator)
    url = reverse("accounts:manage_user_edit", args=[world.reviewer.pk])
    coordinator.post(url, {"full_name": "Phạm  Văn   Hùng", "phone": "", "email": ""})
    world.reviewer.refresh_from_db()
    assert world.reviewer.full_name == "Phạm Văn Hùng"
    assert world.reviewer.search_text == "reviewer pham van hung"
    entry = AuditEntry.objects.get(step="account_updated")
    assert entry.before == {"full_name": "Reviewer"}
    assert entry.after == {"full_name": "Phạm Văn Hùng"}
    page = coordinator.get(reverse("accounts:manage_user", args=[world.reviewer.pk]))
    assert "<ins>Phạm Văn Hùng</ins>" in page.content.decode()
