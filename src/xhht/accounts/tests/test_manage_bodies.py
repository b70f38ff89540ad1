"""Bodies of the manager's places: list, create, edit, and their officers."""

from __future__ import annotations

from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from xhht.accounts.models import Body, User
from xhht.accounts.roles import Role
from xhht.audit.models import AuditEntry
from xhht.testing.clients import ClientFor
from xhht.testing.world import World


def test_the_body_lists_its_officers_and_adds_one(world: World, client_for: ClientFor) -> None:
    coordinator = client_for(world.coordinator)
    page = coordinator.get(reverse("accounts:manage_body", args=[world.body.pk]))
    officers = [a.user for a in page.context["officers"]]
    assert officers == [world.body_officer]
    create = reverse("accounts:manage_user_create") + f"?body={world.body.pk}"
    assert create in page.content.decode().replace("&amp;", "&")
    coordinator.post(create, {"username": "can_bo_so", "full_name": "Võ Minh Tâm"})
    account = User.objects.get(username="can_bo_so")
    assert account.role_assignments.get().body == world.body
    page = coordinator.get(reverse("accounts:manage_body", args=[world.body.pk]))
    assert {a.user for a in page.context["officers"]} == {world.body_officer, account}


def test_a_coordinator_adds_and_edits_a_body_of_their_province_only(
    world: World, client_for: ClientFor
) -> None:
    coordinator = client_for(world.coordinator)
    data = {"name": "Hội Khuyến học phường", "short_name": "", "kind": "association"}
    response = coordinator.post(
        reverse("accounts:manage_body_create"), {**data, "place": world.far_commune.pk}
    )
    assert "nằm ngoài phạm vi quản lý của bạn" in response.content.decode()
    coordinator.post(reverse("accounts:manage_body_create"), {**data, "place": world.commune.pk})
    body = Body.objects.get(name="Hội Khuyến học phường")
    assert body.place == world.commune
    assert AuditEntry.objects.for_object(body).get().actor == world.coordinator
    edit = reverse("accounts:manage_body_edit", args=[body.pk])
    coordinator.post(edit, {**data, "short_name": "HKH", "place": world.commune.pk})
    body.refresh_from_db()
    assert body.short_name == "HKH"


def test_a_duplicate_body_name_at_a_place_is_refused_in_vietnamese(
    world: World, client_for: ClientFor
) -> None:
    coordinator = client_for(world.coordinator)
    response = coordinator.post(
        reverse("accounts:manage_body_create"),
        {"name": "sở giáo dục và đào tạo", "kind": "department", "place": world.province.pk},
    )
    assert "đã có cơ quan tên “sở giáo dục và đào tạo”" in response.content.decode()


def test_the_list_shows_the_scope_s_bodies_only(
    world: World, client_for: ClientFor, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    Body.objects.create(name="Sở Giáo dục và Đào tạo", place=world.other_province)
    coordinator = client_for(world.coordinator)
    with django_assert_max_num_queries(10):
        page = coordinator.get(reverse("accounts:manage_bodies"))
    assert set(page.context["page"]) == {world.body, world.other_body}
    assert Role.BODY_OFFICER  # the officers' role is the one the body page lists
