from __future__ import annotations

from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from xhht.audit.models import AuditEntry
from xhht.places.models import Place
from xhht.testing.clients import ClientFor
from xhht.testing.world import World


def test_a_commune_officer_adds_a_hamlet(world: World, client_for: ClientFor) -> None:
    client = client_for(world.commune_officer)
    url = reverse("places:hamlet_create", args=[world.commune.pk])
    response = client.post(url, {"name": "Khu vực 4", "kind": "khu vực"})
    assert response.status_code == 302
    hamlet = Place.objects.get(name="Khu vực 4")
    assert hamlet.parent == world.commune and hamlet.level == "hamlet"


def test_a_duplicate_hamlet_name_is_refused_in_vietnamese(
    world: World, client_for: ClientFor
) -> None:
    client = client_for(world.commune_officer)
    url = reverse("places:hamlet_create", args=[world.commune.pk])
    response = client.post(url, {"name": "khu vuc 1", "kind": "khu vực"})
    assert response.status_code == 200
    assert "Xã đã có thôn/tổ dân phố tên “khu vuc 1”." in response.content.decode()


def test_an_edited_hamlets_history_shows_before_and_after_to_those_who_may_see_it(
    world: World, client_for: ClientFor
) -> None:
    officer = client_for(world.commune_officer)
    officer.post(
        reverse("places:hamlet_edit", args=[world.hamlet.pk]),
        {"name": "Khu vực Một", "kind": "khu vực"},
    )
    entry = AuditEntry.objects.for_object(world.hamlet).filter(action="update").get()
    assert entry.before == {"name": "Khu vực 1"} and entry.after == {"name": "Khu vực Một"}
    assert entry.actor == world.commune_officer
    history = reverse("places:history", args=[world.hamlet.pk])
    for persona in (world.commune_officer, world.coordinator):
        page = client_for(persona).get(history).content.decode()
        assert "<del>Khu vực 1</del>" in page and "<ins>Khu vực Một</ins>" in page
    outsider = client_for(world.other_officer)
    assert outsider.get(history).status_code == 404
    audit_page = outsider.get(reverse("audit:index")).content.decode()
    assert "Khu vực Một" not in audit_page


def test_search_finds_places_without_diacritics_inside_the_scope_only(
    world: World, client_for: ClientFor
) -> None:
    client = client_for(world.coordinator)
    page = client.get(reverse("places:detail", args=[world.province.pk]), {"q": "ninh kieu"})
    assert "Phường Ninh Kiều" in page.content.decode()
    page = client.get(reverse("places:detail", args=[world.province.pk]), {"q": "hoan kiem"})
    assert "Hoàn Kiếm" not in page.content.decode()


def test_a_commune_officer_lands_on_their_commune(world: World, client_for: ClientFor) -> None:
    response = client_for(world.commune_officer).get(reverse("places:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("places:detail", args=[world.commune.pk])


def test_the_place_page_query_count_does_not_grow_with_children(
    world: World, client_for: ClientFor, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for number in range(2, 40):
        Place.objects.create(
            level="hamlet",
            code=f"31135-{number:03d}",
            name=f"Khu vực {number}",
            kind="khu vực",
            parent=world.commune,
        )
    client = client_for(world.commune_officer)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("places:detail", args=[world.commune.pk]))
    assert "Khu vực 39" in response.content.decode()


def test_the_api_lists_only_places_in_scope(world: World, client_for: ClientFor) -> None:
    client = client_for(world.commune_officer)
    names = {row["name"] for row in client.get("/api/v1/places/").json()["results"]}
    assert names == {"Phường Ninh Kiều", "Khu vực 1"}
    found = client.get("/api/v1/places/", {"q": "khu vuc"}).json()["results"]
    assert [row["name"] for row in found] == ["Khu vực 1"]


def test_pages_open_in_vietnamese_even_when_the_browser_asks_for_english(
    world: World, client_for: ClientFor
) -> None:
    client = client_for(world.commune_officer)
    page = client.get(reverse("places:index"), follow=True, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="vi">' in page.content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("places:detail", args=[world.commune.pk]))
    assert '<html lang="en">' in page.content.decode()
