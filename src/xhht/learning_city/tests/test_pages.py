"""The profile's pages: the province coordinator writes a section and the city's facts (saved,
in the trail, on the page and in the documents); a commune officer, another province's
coordinator and an unknown section get the same 404; the page reads a fixed number of queries."""

from __future__ import annotations

import io

import docx
import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from xhht.accounts.models import User
from xhht.audit.models import AuditEntry
from xhht.learning_city.models import CityProfile, ProfileText
from xhht.testing.world import World

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_coordinator_writes_a_section_in_both_languages_and_it_is_audited(
    world: World,
) -> None:
    client = _client(world.coordinator)
    url = reverse("learning_city:text_edit", args=[world.province.pk, "workplace"])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"text_vi": "Các cơ quan tổ chức bồi dưỡng.", "text_en": "Departments train their staff."},
    )
    assert response.status_code == 302
    text = ProfileText.objects.get(profile__place=world.province, key="workplace")
    assert (text.text_vi, text.text_en) == (
        "Các cơ quan tổ chức bồi dưỡng.",
        "Departments train their staff.",
    )
    entry = AuditEntry.objects.get(
        content_type=ContentType.objects.get_for_model(ProfileText), object_id=str(text.pk)
    )
    assert entry.actor == world.coordinator and entry.place == world.province
    page = client.get(reverse("learning_city:profile", args=[world.province.pk]))
    assert "Departments train their staff." in page.content.decode()

    client.post(url, {"text_vi": "Đã sửa.", "text_en": "Changed."})
    assert ProfileText.objects.get(pk=text.pk).text_en == "Changed."
    changed = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ProfileText), object_id=str(text.pk)
    ).latest("at")
    assert changed.before and changed.before.get("text_en") == "Departments train their staff."


def test_the_city_facts_go_into_the_english_application(world: World) -> None:
    client = _client(world.coordinator)
    response = client.post(
        reverse("learning_city:profile_edit", args=[world.province.pk]),
        {"name_en": "Can Tho City", "mayor_name": "Nguyen Van A", "area_km2": "1440"},
    )
    assert response.status_code == 302
    profile = CityProfile.objects.get(place=world.province)
    assert (profile.name_en, profile.area_km2) == ("Can Tho City", 1440)
    year = timezone.localdate().year
    download = client.get(
        reverse("learning_city:document", args=[world.province.pk, "application", "en"]),
        {"year": year},
    )
    document = docx.Document(io.BytesIO(download.content))
    rows = {r.cells[0].text: r.cells[-1].text for t in document.tables for r in t.rows}
    assert rows["Name of city"] == "Can Tho City"
    assert rows["Area (square kilometres)"] == "1,440"
    assert rows["Country"] == "Viet Nam"
    vietnamese = client.get(
        reverse("learning_city:document", args=[world.province.pk, "application", "vi"])
    )
    document = docx.Document(io.BytesIO(vietnamese.content))
    rows = {r.cells[0].text: r.cells[-1].text for t in document.tables for r in t.rows}
    assert rows["Diện tích (km²)"] == "1.440"


def test_a_bad_number_is_refused_with_the_form_and_nothing_is_saved(world: World) -> None:
    response = _client(world.coordinator).post(
        reverse("learning_city:profile_edit", args=[world.province.pk]), {"area_km2": "-3"}
    )
    assert response.status_code == 400
    assert not CityProfile.objects.exists()


def test_others_get_the_same_404(world: World) -> None:
    edit = reverse("learning_city:text_edit", args=[world.province.pk, "families"])
    page = reverse("learning_city:profile", args=[world.province.pk])
    assert _client(world.commune_officer).get(edit).status_code == 404
    assert _client(world.commune_officer).get(page).status_code == 404
    assert _client(world.province_association_officer).get(page).status_code == 200
    assert _client(world.province_association_officer).post(edit, {}).status_code == 404
    other = reverse("learning_city:profile", args=[world.other_province.pk])
    assert _client(world.coordinator).get(other).status_code == 404
    commune = reverse("learning_city:profile", args=[world.commune.pk])
    assert _client(world.coordinator).get(commune).status_code == 404
    unknown = reverse("learning_city:text_edit", args=[world.province.pk, "no-such-section"])
    assert _client(world.coordinator).get(unknown).status_code == 404
    assert not ProfileText.objects.exists()


def test_the_profile_page_reads_a_fixed_number_of_queries(
    world: World, django_assert_max_num_queries: object
) -> None:
    client = _client(world.coordinator)
    for key in ("families", "culture", "motivation"):
        client.post(
            reverse("learning_city:text_edit", args=[world.province.pk, key]),
            {"text_vi": key, "text_en": key},
        )
    with django_assert_max_num_queries(30):  # type: ignore[operator]  # pytest-django's fixture is a context manager factory
        response = client.get(reverse("learning_city:profile", args=[world.province.pk]))
    assert response.status_code == 200


def test_the_profile_reads_in_the_interface_language(world: World, settings: object) -> None:
    client = _client(world.coordinator)
    url = reverse("learning_city:profile", args=[world.province.pk])
    vietnamese = client.get(url).content.decode()
    assert "Học tập trong gia đình và cộng đồng" in vietnamese
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # type: ignore[attr-defined]  # pytest-django's settings wrapper
    english = client.get(url).content.decode()
    assert "Learning in families and communities" in english
    assert "Active community learning centres" in english
    assert "Học tập trong gia đình và cộng đồng" not in english


def test_the_vietnamese_documents_say_the_date_once(world: World) -> None:
    """The long date already begins with "ngày": the documents said "… XHHT ngày ngày 01 tháng…"."""
    client = _client(world.coordinator)
    for kind in ("application", "report"):
        download = client.get(
            reverse("learning_city:document", args=[world.province.pk, kind, "vi"])
        )
        document = docx.Document(io.BytesIO(download.content))
        prepared = next(p.text for p in document.paragraphs if p.text.startswith("Lập bằng"))
        assert "ngày ngày" not in prepared
        assert prepared.startswith("Lập bằng hệ thống XHHT ngày ") and " tháng " in prepared
