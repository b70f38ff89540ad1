"""The institution registry's pages: the list within one's scope, its filters, the form on a
phone, the one-centre-per-commune rule, the detail page with equipment and classes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from xhht.accounts.models import Body
from xhht.audit.models import AuditEntry
from xhht.centres.models import Centre
from xhht.centres.tests import factories
from xhht.testing.clients import ClientFor
from xhht.testing.world import World

pytestmark = pytest.mark.django_db


def _form(world: World, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "code": "TV-31135",
        "name": "Thư viện phường Ninh Kiều",
        "kind": Centre.Kind.LIBRARY,
        "place": world.commune.pk,
        "status": Centre.Status.ACTIVE,
        "managing_body": "",
        "address": "",
        "opening_hours": "7h30–17h00",
        "staff_count": "2",
        "computers": "4",
        "internet": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_list_shows_only_centres_in_scope_and_filters_by_kind_status_and_search(
    world: World, client_for: ClientFor, django_assert_max_num_queries: object
) -> None:
    factories.centre(world)
    factories.centre(world, code="TV-1", kind=Centre.Kind.LIBRARY, name="Thư viện Ninh Kiều")
    factories.centre(world, code="TT-OTHER", place=world.other_commune, name="TTHTCĐ Cái Khế")
    factories.centre(world, code="TT-FAR", place=world.far_commune, name="TTHTCĐ Hoàn Kiếm")
    client = client_for(world.commune_officer)
    page = client.get(reverse("centres:centre_list")).content.decode()
    assert "Thư viện Ninh Kiều" in page and "phường Ninh Kiều" in page
    assert "Cái Khế" not in page and "Hoàn Kiếm" not in page
    library = client.get(reverse("centres:centre_list"), {"kind": "library"}).content.decode()
    assert "Thư viện Ninh Kiều" in library and "Trung tâm học tập cộng đồng phường" not in library
    closed = client.get(reverse("centres:centre_list"), {"status": "closed"}).content.decode()
    assert "Thư viện Ninh Kiều" not in closed
    found = client.get(reverse("centres:centre_list"), {"q": "thu vien"}).content.decode()
    assert "Thư viện Ninh Kiều" in found and "cộng đồng phường Ninh Kiều" not in found
    province = client_for(world.coordinator).get(reverse("centres:centre_list")).content.decode()
    assert "Cái Khế" in province and "Hoàn Kiếm" not in province
    for n in range(30):
        factories.centre(
            world, code=f"NVH-{n}", kind=Centre.Kind.CULTURAL_HOUSE, name=f"Nhà văn hóa {n}"
        )
    with django_assert_max_num_queries(12):  # type: ignore[operator]  # pytest-django's fixture
        assert client.get(reverse("centres:centre_list")).status_code == 200


def test_a_commune_officer_adds_a_library_from_a_phone_form_and_the_trail_records_it(
    world: World, client_for: ClientFor
) -> None:
    client = client_for(world.commune_officer)
    form = client.get(reverse("centres:centre_create")).content.decode()
    assert 'inputmode="numeric"' in form
    response = client.post(reverse("centres:centre_create"), _form(world))
    library = Centre.objects.get(code="TV-31135")
    assert response.status_code == 302
    assert response["Location"] == reverse("centres:centre_detail", args=[library.pk])
    assert library.internet and library.computers == 4 and library.networked
    assert AuditEntry.objects.filter(object_id=str(library.pk), action="create").exists()


def test_a_second_active_centre_in_a_commune_is_refused_with_a_message(
    world: World, client_for: ClientFor
) -> None:
    factories.centre(world)
    client = client_for(world.commune_officer)
    response = client.post(
        reverse("centres:centre_create"),
        _form(world, code="TT-2", kind=Centre.Kind.TTHTCD, name="Trung tâm thứ hai"),
    )
    assert response.status_code == 200
    assert "đã có một trung tâm học tập cộng đồng đang hoạt động" in response.content.decode()
    assert not Centre.objects.filter(code="TT-2").exists()


def test_the_form_offers_only_places_and_bodies_in_scope(
    world: World, client_for: ClientFor
) -> None:
    Body.objects.create(name="UBND phường Hoàn Kiếm", place=world.far_commune)
    ward_committee = Body.objects.create(name="UBND phường Ninh Kiều", place=world.commune)
    client = client_for(world.commune_officer)
    page = client.get(reverse("centres:centre_create")).content.decode()
    assert "Hoàn Kiếm" not in page and "Cái Khế" not in page
    response = client.post(
        reverse("centres:centre_create"),
        _form(world, place=world.other_commune.pk, managing_body=ward_committee.pk),
    )
    assert response.status_code == 200 and not Centre.objects.exists()
    client.post(reverse("centres:centre_create"), _form(world, managing_body=ward_committee.pk))
    assert Centre.objects.get().managing_body == ward_committee


def test_the_detail_page_shows_equipment_and_classes_and_edit_only_to_managers(
    world: World, client_for: ClientFor, django_assert_max_num_queries: object
) -> None:
    learning_class = factories.learning_class(world)
    factories.participation(world, of=learning_class)
    centre = learning_class.centre
    assert centre is not None
    url = reverse("centres:centre_detail", args=[centre.pk])
    page = client_for(world.commune_officer).get(url).content.decode()
    assert learning_class.title in page and "Số máy tính" in page
    assert reverse("centres:centre_edit", args=[centre.pk]) in page
    officer = factories.centre_officer(world)
    seen = client_for(officer).get(url).content.decode()
    assert learning_class.title in seen
    assert reverse("centres:class_detail", args=[learning_class.pk]) in seen
    assert reverse("centres:class_create") in seen
    assert reverse("centres:centre_edit", args=[centre.pk]) not in seen
    assert (
        client_for(officer).get(reverse("centres:centre_edit", args=[centre.pk])).status_code == 404
    )
    assert client_for(world.other_officer).get(url).status_code == 404
    for n in range(20):
        factories.learning_class(world, title=f"Lớp {n}")
    client = client_for(world.commune_officer)
    with django_assert_max_num_queries(12):  # type: ignore[operator]  # pytest-django's fixture
        assert client.get(url).status_code == 200


def test_editing_a_centre_closes_it_and_frees_the_commune_for_a_new_one(
    world: World, client_for: ClientFor
) -> None:
    old = factories.centre(world)
    client = client_for(world.commune_officer)
    edit = _form(
        world, code=old.code, name=old.name, kind=Centre.Kind.TTHTCD, status=Centre.Status.CLOSED
    )
    assert client.post(reverse("centres:centre_edit", args=[old.pk]), edit).status_code == 302
    new = _form(world, code="TT-NEW", kind=Centre.Kind.TTHTCD, name="Trung tâm mới")
    assert client.post(reverse("centres:centre_create"), new).status_code == 302
    assert Centre.objects.active().community_centres().get().code == "TT-NEW"


def test_the_menu_leads_officers_to_the_centres_and_not_citizens(
    world: World, client_for: ClientFor
) -> None:
    link = f'href="{reverse("centres:centre_list")}"'
    for user in (world.commune_officer, factories.centre_officer(world)):
        assert link in client_for(user).get(reverse("site:home")).content.decode()
    assert link not in client_for(world.citizen).get(reverse("site:home")).content.decode()
