"""The commune's and the province's PCGD–XMC pages and the province's settings page (P3)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from xhht.audit.models import AuditEntry
from xhht.pcgd.models import HardshipCommune, ProvinceRule
from xhht.pcgd.tests.pages_world import YEAR, graduate, short_commune
from xhht.places.models import Level, Place
from xhht.testing.world import World

pytestmark = pytest.mark.django_db
SHORT = "Thiếu 1 em 15–18 tuổi tốt nghiệp THCS để đạt mức độ 2."


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _commune_page(world: World) -> str:
    url = reverse("pcgd:commune", args=[world.commune.pk]) + f"?year={YEAR}"
    response = _client(world.commune_officer).get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_commune_page_says_one_young_person_is_missing_for_thcs_level_2(
    world: World, django_assert_max_num_queries: Any
) -> None:
    short_commune(world)
    client = _client(world.commune_officer)
    url = reverse("pcgd:commune", args=[world.commune.pk]) + f"?year={YEAR}"
    client.get(url)
    with django_assert_max_num_queries(20):  # the same whatever the number of people
        page = client.get(url).content.decode()
    assert SHORT in page
    assert 'data-testid="level-pcgd_thcs"' in page and "Đạt mức độ 1" in page
    assert "8/10" in page and "(tỉnh nhập)" in page
    # The forms' titles read as a sentence on the page (the forms themselves print them in capitals).
    assert "— Thống kê kết quả phổ cập giáo dục trung học cơ sở</li>" in page
    assert "THỐNG KÊ" not in page


def test_the_commune_page_shows_an_unentered_threshold_as_left_to_the_province(
    world: World,
) -> None:
    short_commune(world, enter_threshold=False)
    page = _commune_page(world)
    assert "chưa có ngưỡng — do tỉnh nhập" in page
    assert SHORT not in page


def test_once_the_last_diploma_is_recorded_the_page_says_level_2_is_reached(world: World) -> None:
    made = short_commune(world)
    graduate(made.last)
    page = _commune_page(world)
    assert SHORT not in page
    assert "Đạt mức độ 2" in page
    assert "9/10" in page


def test_the_province_page_lists_its_communes_levels_and_its_own(
    world: World, django_assert_max_num_queries: Any
) -> None:
    short_commune(world)
    client = _client(world.coordinator)
    url = reverse("pcgd:province", args=[world.province.pk]) + f"?year={YEAR}"
    with django_assert_max_num_queries(20):
        response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert world.commune.name in page and world.other_commune.name in page
    assert "chưa có — do tỉnh nhập" in page  # no province rule entered yet
    assert 'data-testid="settings-link"' in page


def test_a_commune_officer_cannot_open_another_commune_or_the_settings(world: World) -> None:
    client = _client(world.commune_officer)
    other = client.get(reverse("pcgd:commune", args=[world.other_commune.pk]))
    settings = client.get(reverse("pcgd:settings", args=[world.province.pk]))
    assert other.status_code == 404 and settings.status_code == 404


def test_the_province_enters_its_rule_and_a_hardship_commune_audited(world: World) -> None:
    client = _client(world.coordinator)
    url = reverse("pcgd:settings", args=[world.province.pk]) + f"?year={YEAR}"
    response = client.post(
        url,
        {"kind": "rule", "r-code": "xmc_2", "r-share": "90", "r-basis": "Nghị quyết của tỉnh"},
    )
    assert response.status_code == 302
    assert ProvinceRule.objects.get(province=world.province, code="xmc_2").share == 90
    response = client.post(
        url, {"kind": "hardship", "commune": world.commune.pk, "hardship": "on", "basis": ""}
    )
    assert response.status_code == 400  # a basis is needed
    response = client.post(
        url,
        {"kind": "hardship", "commune": world.commune.pk, "hardship": "on", "basis": "QĐ 1/QĐ"},
    )
    assert response.status_code == 302
    row = HardshipCommune.objects.get(commune=world.commune, school_year=YEAR)
    entry = AuditEntry.objects.get(content_type__model="hardshipcommune", object_id=str(row.pk))
    assert entry.reason == "QĐ 1/QĐ" and entry.actor == world.coordinator


def test_the_province_enters_the_missing_threshold_from_the_settings_page(world: World) -> None:
    short_commune(world, enter_threshold=False)
    client = _client(world.coordinator)
    url = reverse("pcgd:settings", args=[world.province.pk])
    response = client.post(
        url,
        {
            "kind": "threshold",
            "t-code": "pcgd_thcs_2",
            "t-cohort": "thcs_diploma_15_18",
            "t-threshold": "90",
            "t-source": "Kế hoạch của tỉnh",
        },
    )
    assert response.status_code == 302
    assert SHORT in _commune_page(world)


def test_the_index_sends_each_officer_to_their_own_place(world: World) -> None:
    commune = _client(world.commune_officer).get(reverse("pcgd:index"))
    province = _client(world.coordinator).get(reverse("pcgd:index"))
    assert commune["Location"] == reverse("pcgd:commune", args=[world.commune.pk])
    assert province["Location"] == reverse("pcgd:province", args=[world.province.pk])


def test_the_province_page_pages_its_communes_and_keeps_the_school_year(
    world: World, django_assert_max_num_queries: Any
) -> None:
    for number in range(60):
        Place.objects.create(
            level=Level.COMMUNE,
            code=f"9{number:04d}",
            name=f"Xã Thử {number:02d}",
            kind="xã",
            parent=world.province,
        )
    client = _client(world.coordinator)
    url = reverse("pcgd:province", args=[world.province.pk])
    client.get(url)
    with django_assert_max_num_queries(20):  # as many as with two communes
        page = client.get(url + f"?year={YEAR - 1}&page=2").content.decode()
    assert f"?year={YEAR - 1}&amp;page=1" in page
    assert page.count("data-commune=") == 12  # 62 communes, 50 a page
