"""Registering a title without typing a code: a picker searches the user's scope by name or
code, and every household, clan, unit and person page has "Đăng ký danh hiệu"."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from xhht.criteria.models import Title
from xhht.recognition.models import Assessment
from xhht.recognition.tests.factories import YEAR, make_household, make_person, make_set
from xhht.testing.browser import log_in
from xhht.testing.world import PASSWORD, World


def test_the_picker_finds_households_by_name_without_diacritics_within_scope(
    world: World, client_for: Any
) -> None:
    make_household(world.hamlet, code="HO-001", head="Nguyễn Văn An")
    make_household(world.other_hamlet, code="HO-900", head="Nguyễn Văn Anh")
    client = client_for(world.hamlet_head)
    page = client.get(
        reverse("recognition:register"), {"picker_title": "family", "q": "nguyen van"}
    )
    body = page.content.decode()
    assert "Nguyễn Văn An" in body and "HO-001" in body
    assert "Nguyễn Văn Anh" not in body  # another commune's household


def test_a_household_chosen_in_the_picker_is_registered(world: World, client_for: Any) -> None:
    make_set(world)
    household = make_household(world.hamlet, code="HO-001", head="Nguyễn Văn An")
    client = client_for(world.hamlet_head)
    picker = client.get(reverse("recognition:register"), {"title": "family", "q": "an"})
    link = re.search(r'href="(\?title=family&amp;subject=\d+)"', picker.content.decode())
    assert link is not None
    chosen = client.get(reverse("recognition:register") + link.group(1).replace("&amp;", "&"))
    assert "Nguyễn Văn An" in chosen.content.decode()
    response = client.post(
        reverse("recognition:register"),
        {"title": "family", "subject": household.pk, "code": "", "year": YEAR},
    )
    assert response.status_code == 302
    assert Assessment.objects.get().household == household


def test_a_subject_outside_the_scope_cannot_be_chosen_by_its_id(
    world: World, client_for: Any
) -> None:
    make_set(world)
    other = make_household(world.other_hamlet, code="HO-900")
    response = client_for(world.hamlet_head).post(
        reverse("recognition:register"),
        {"title": "family", "subject": other.pk, "code": "", "year": YEAR},
    )
    assert response.status_code == 200
    assert "Không tìm thấy đối tượng" in response.content.decode()
    assert not Assessment.objects.exists()


def test_without_a_subject_or_code_the_form_says_what_to_do(world: World, client_for: Any) -> None:
    response = client_for(world.hamlet_head).post(
        reverse("recognition:register"), {"title": "family", "code": "", "year": YEAR}
    )
    assert "Hãy tìm và chọn đối tượng" in response.content.decode()


def test_the_citizen_picker_never_shows_a_cccd(world: World, client_for: Any) -> None:
    person = make_person(world.hamlet, "Trần Thị Bình")
    person.set_cccd("092301000123")
    person.save()
    body = (
        client_for(world.hamlet_head)
        .get(reverse("recognition:register"), {"picker_title": "citizen", "q": "binh"})
        .content.decode()
    )
    assert "Trần Thị Bình" in body
    assert "092301000123" not in body


def test_record_pages_offer_to_register_a_title_and_the_link_answers(
    world: World, client_for: Any
) -> None:
    make_set(world)
    household = make_household(world.hamlet, code="HO-001", head="Nguyễn Văn An")
    person = make_person(world.hamlet, "Trần Thị Bình")
    client = client_for(world.commune_officer)
    for url, title in (
        (reverse("registry:household_detail", args=[household.pk]), Title.FAMILY),
        (reverse("registry:person_detail", args=[person.pk]), Title.CITIZEN),
    ):
        body = client.get(url).content.decode()
        link = re.search(r'data-testid="register-title" href="([^"]+)"', body)
        assert link is not None, url
        href = link.group(1).replace("&amp;", "&")
        assert f"title={title}" in href
        page = client.get(href)
        assert page.status_code == 200
        assert 'data-testid="chosen-subject"' in page.content.decode()
    # The reviewer sees the household but does not register: no button.
    body = client_for(world.reviewer).get(reverse("registry:household_detail", args=[household.pk]))
    assert 'data-testid="register-title"' not in body.content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_a_browser_results_appear_as_one_types_and_a_click_registers(
    world: World, live_server: Any, new_page: Any
) -> None:
    make_set(world)
    make_household(world.hamlet, code="HO-001", head="Nguyễn Văn An")
    page = new_page(width=360, height=740)
    log_in(page, live_server.url, "hamlet_head", PASSWORD)
    page.goto(f"{live_server.url}{reverse('recognition:register')}")
    page.locator("#picker-q").press_sequentially("nguyen van", delay=20)
    page.get_by_role("link", name="Nguyễn Văn An").click()  # no "Tìm" pressed: htmx
    assert "Nguyễn Văn An" in page.get_by_test_id("chosen-subject").inner_text()
    page.fill("input[name=year]", str(YEAR))
    page.get_by_role("button", name="Đăng ký").click()
    assert page.get_by_test_id("assessment").get_attribute("data-state") == "registered"
