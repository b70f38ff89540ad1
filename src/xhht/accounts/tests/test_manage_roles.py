"""Giving and taking roles: only inside the manager's scope, never the administrator's role,
never the manager's own last way to manage; every change in the audit trail."""

from __future__ import annotations

from django.urls import reverse

from xhht.accounts import actions
from xhht.accounts.models import RoleAssignment
from xhht.accounts.roles import Role
from xhht.audit.models import AuditEntry
from xhht.testing.clients import ClientFor
from xhht.testing.world import World

OUT_OF_SCOPE = "Địa bàn hoặc cơ quan này nằm ngoài phạm vi quản lý của bạn."


def test_a_role_in_another_province_is_refused_and_nothing_is_saved(
    world: World, client_for: ClientFor
) -> None:
    coordinator = client_for(world.coordinator)
    url = reverse("accounts:manage_role_add", args=[world.hamlet_head.pk])
    before = RoleAssignment.objects.count()
    response = coordinator.post(url, {"role": Role.COMMUNE_OFFICER, "place": world.far_commune.pk})
    assert response.status_code == 200 and OUT_OF_SCOPE in response.content.decode()
    response = coordinator.post(
        url, {"role": Role.PROVINCE_COORDINATOR, "place": world.other_province.pk}
    )
    assert OUT_OF_SCOPE in response.content.decode()
    assert RoleAssignment.objects.count() == before


def test_the_administrator_role_is_neither_offered_nor_accepted_from_a_coordinator(
    world: World, client_for: ClientFor
) -> None:
    coordinator = client_for(world.coordinator)
    url = reverse("accounts:manage_role_add", args=[world.hamlet_head.pk])
    assert Role.ADMIN.value not in dict(coordinator.get(url).context["form"].fields["role"].choices)
    response = coordinator.post(url, {"role": Role.ADMIN})
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    try:
        actions.add_role(manager=world.coordinator, user=world.hamlet_head, role=Role.ADMIN)
    except actions.AccountError as error:
        assert "quản trị hệ thống" in error.message
    else:  # pragma: no cover - the test fails here
        raise AssertionError("a coordinator gave the administrator role")
    assert not world.hamlet_head.role_assignments.filter(role=Role.ADMIN).exists()


def test_a_user_may_hold_several_roles_and_the_trail_shows_each_change(
    world: World, client_for: ClientFor
) -> None:
    coordinator = client_for(world.coordinator)
    add = reverse("accounts:manage_role_add", args=[world.hamlet_head.pk])
    coordinator.post(add, {"role": Role.REVIEWER, "place": world.commune.pk})
    coordinator.post(add, {"role": Role.BODY_OFFICER, "body": world.body.pk})
    roles = set(world.hamlet_head.role_assignments.values_list("role", flat=True))
    assert roles == {Role.HAMLET_HEAD, Role.REVIEWER, Role.BODY_OFFICER}
    reviewer = world.hamlet_head.role_assignments.get(role=Role.REVIEWER)
    remove = reverse("accounts:manage_role_remove", args=[reviewer.pk])
    coordinator.post(remove, {"reason": "Hết nhiệm kỳ hội đồng"})
    assert not world.hamlet_head.role_assignments.filter(role=Role.REVIEWER).exists()
    deleted = AuditEntry.objects.get(action="delete", object_id=str(reviewer.pk))
    assert deleted.reason == "Hết nhiệm kỳ hội đồng" and deleted.actor == world.coordinator
    assert deleted.place == world.commune
    page = coordinator.get(reverse("accounts:manage_user", args=[world.hamlet_head.pk]))
    text = page.content.decode()
    assert "Hết nhiệm kỳ hội đồng" in text and text.count("Thành viên hội đồng thẩm định") >= 2


def test_a_body_officer_role_needs_a_body(world: World, client_for: ClientFor) -> None:
    coordinator = client_for(world.coordinator)
    url = reverse("accounts:manage_role_add", args=[world.hamlet_head.pk])
    response = coordinator.post(url, {"role": Role.BODY_OFFICER, "place": world.commune.pk})
    assert "phải gắn với một cơ quan" in response.content.decode()


def test_a_manager_cannot_remove_their_own_last_managing_role(
    world: World, client_for: ClientFor
) -> None:
    own = world.coordinator.role_assignments.get()
    coordinator = client_for(world.coordinator)
    response = coordinator.post(reverse("accounts:manage_role_remove", args=[own.pk]), follow=True)
    assert "Đây là vai trò cuối cùng cho phép bạn quản lý tài khoản" in response.content.decode()
    assert RoleAssignment.objects.filter(pk=own.pk).exists()


def test_a_coordinator_cannot_remove_a_role_held_elsewhere(
    world: World, client_for: ClientFor
) -> None:
    far_role = world.outsider.role_assignments.get()
    coordinator = client_for(world.coordinator)
    url = reverse("accounts:manage_role_remove", args=[far_role.pk])
    assert coordinator.post(url).status_code == 404
    assert RoleAssignment.objects.filter(pk=far_role.pk).exists()
