"""The contributors' and curators' pages: the curator's queue and its steps from a page, the
reason the contributor reads, scopes (another province's curator gets a 404), a centre's
collections kept in order."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from xhht.accounts.models import RoleAssignment, User
from xhht.accounts.roles import Role
from xhht.centres.tests import factories as centre_factories
from xhht.core.workflow import StepRefused
from xhht.resources.collection_actions import save_collection
from xhht.resources.models import CollectionItem, Resource
from xhht.resources.tests import factories
from xhht.testing.world import World

pytestmark = pytest.mark.django_db


def _other_coordinator(world: World) -> User:
    user = User.objects.create_user(username="hn_coordinator", password="x", full_name="Hà Nội")
    RoleAssignment.objects.create(
        user=user, role=Role.PROVINCE_COORDINATOR, place=world.other_province
    )
    return user


def test_the_curator_publishes_from_the_queue(world: World, client: Client) -> None:
    resource = factories.submitted_resource(world)
    client.force_login(world.coordinator)
    queue = client.get(reverse("resources:queue")).content.decode()
    assert resource.title in queue
    response = client.post(reverse("resources:publish", args=[resource.pk]))
    assert response.status_code == 302
    assert Resource.objects.get(pk=resource.pk).state == Resource.State.PUBLISHED
    assert 'data-testid="queue-line"' not in client.get(reverse("resources:queue")).content.decode()


def test_the_returned_reason_reaches_the_contributors_list(world: World, client: Client) -> None:
    resource = factories.submitted_resource(world)
    client.force_login(world.coordinator)
    client.post(reverse("resources:return", args=[resource.pk]), {"reason": "Thiếu tác giả"})
    client.force_login(world.commune_officer)
    mine = client.get(reverse("resources:mine")).content.decode()
    assert "Thiếu tác giả" in mine and "Trả lại để sửa" in mine


def test_a_return_without_a_reason_is_refused_with_a_message(world: World, client: Client) -> None:
    resource = factories.submitted_resource(world)
    client.force_login(world.coordinator)
    response = client.post(reverse("resources:return", args=[resource.pk]), follow=True)
    assert "Hãy ghi lý do trả lại" in response.content.decode()
    assert Resource.objects.get(pk=resource.pk).state == Resource.State.SUBMITTED


def test_another_provinces_curator_neither_sees_nor_publishes(world: World, client: Client) -> None:
    resource = factories.submitted_resource(world)
    client.force_login(_other_coordinator(world))
    assert resource.title not in client.get(reverse("resources:queue")).content.decode()
    assert client.get(reverse("resources:manage", args=[resource.pk])).status_code == 404
    assert client.post(reverse("resources:publish", args=[resource.pk])).status_code == 404
    assert Resource.objects.get(pk=resource.pk).state == Resource.State.SUBMITTED


def test_the_lists_cost_a_fixed_number_of_queries(
    world: World, client: Client, django_assert_max_num_queries: object
) -> None:
    for n in range(12):
        factories.submitted_resource(world, f"Kỹ năng số bài {n}")
    client.force_login(world.coordinator)
    with django_assert_max_num_queries(12):  # type: ignore[operator]  # pytest-django's fixture
        assert client.get(reverse("resources:queue")).status_code == 200
    with django_assert_max_num_queries(12):  # type: ignore[operator]  # pytest-django's fixture
        assert client.get(reverse("resources:mine")).status_code == 200


def test_a_collection_keeps_its_order_and_shows_published_ones_only(
    world: World, client: Client
) -> None:
    centre = world.once("centre", centre_factories.centre)
    first = factories.published_resource(world, "Kỹ năng số cơ bản")
    draft = factories.draft_resource(world, "Kỹ năng số bản nháp")
    second = factories.published_resource(world, "An toàn trên mạng")
    shelf = save_collection(
        user=world.commune_officer,
        centre=centre,
        name="Tủ sách số",
        resources=[second, draft, first],
    )
    items = CollectionItem.objects.filter(collection=shelf)
    assert [i.resource_id for i in items] == [second.pk, draft.pk, first.pk]
    page = client.get(reverse("resources:collection", args=[shelf.pk])).content.decode()
    assert page.index("An toàn trên mạng") < page.index("Kỹ năng số cơ bản")
    assert "bản nháp" not in page
    save_collection(
        user=world.commune_officer,
        centre=centre,
        name="Tủ sách số",
        resources=[first],
        collection=shelf,
    )
    assert [i.resource_id for i in items.all()] == [first.pk]


def test_a_collection_refuses_what_is_neither_ones_own_nor_published(world: World) -> None:
    centre = world.once("centre", centre_factories.centre)
    others = centre_factories.centre(
        world, code="TT-31120", place=world.other_commune, name="TTHTCĐ Cái Khế"
    )
    theirs = factories.draft_resource(world, "Bản nháp của xã khác")
    Resource.objects.filter(pk=theirs.pk).update(centre=others, place=world.other_commune)
    with pytest.raises(StepRefused):
        save_collection(
            user=world.commune_officer, centre=centre, name="Tủ sách", resources=[theirs]
        )
    with pytest.raises(StepRefused):
        save_collection(user=world.other_officer, centre=centre, name="Tủ sách")


def test_the_resource_page_names_the_classes_it_serves(world: World, client: Client) -> None:
    learning_class = centre_factories.learning_class(world)
    resource = factories.draft_resource(world)
    resource.classes.add(learning_class)
    client.force_login(world.commune_officer)
    page = client.get(reverse("resources:manage", args=[resource.pk])).content.decode()
    assert "Lớp kỹ năng số cho người cao tuổi" in page
