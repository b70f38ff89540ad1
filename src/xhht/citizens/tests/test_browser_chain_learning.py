"""Issue 16's citizen chain in a real browser on a 360 px phone, as one story: a person registers
with their CCCD (C1's page), the hamlet head confirms the claim, the citizen adds a finished
course from the catalogue with a photo of its certificate and their digital skills, registers and
self-assesses for "Công dân học tập" where the course stands pre-filled beside the items it
answers, and after recognition downloads the certificate (a PDF) from their own pages.

Driven through the pages: registration, the claim's confirmation, "Học tập của tôi" (search,
choose, photo, digital skills), the registration and self-assessment for the title, the
downloads. Through the actions, because their pages are tested in a browser elsewhere: the
commune officer's confirmation of the line (``centres.record.confirm_entry``;
centres/tests/test_record_browser.py) and the hamlet's review and proposal and the commune's
recognition (recognition/tests/test_browser_citizen.py, test_browser_family.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from xhht.centres import record
from xhht.centres.models import LearningEntry
from xhht.citizens.learning_counters import CODES
from xhht.citizens.tests import factories
from xhht.citizens.tests import learning_factories as lf
from xhht.criteria.models import Title
from xhht.indicators.models import LIVE_YEAR, RollupCount
from xhht.recognition import actions
from xhht.recognition.models import Assessment, State
from xhht.recognition.tests.factories import decision_data, make_set
from xhht.testing.browser import log_in
from xhht.testing.world import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

NAME = "Trần Thị Bình"


def _fits(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def _register(page: Any, live_server: Any, world: World) -> None:
    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_test_id("register-link").click()
    page.fill("input[name=full_name]", NAME)
    page.fill("input[name=cccd]", factories.CCCD)
    page.fill("input[name=birth_date]", factories.BIRTH.isoformat())
    page.fill("input[name=phone]", "0912 000 111")
    for name, place in (
        ("province", world.province),
        ("commune", world.commune),
        ("hamlet", world.hamlet),
    ):
        page.wait_for_selector(f"select[name={name}] option[value='{place.pk}']", state="attached")
        page.select_option(f"select[name={name}]", str(place.pk))
    page.fill("input[name=password]", factories.PASSWORD)
    page.fill("input[name=password_again]", factories.PASSWORD)
    page.get_by_role("button", name="Gửi đăng ký").click()
    page.wait_for_load_state()
    assert "Yêu cầu đã được gửi" in page.get_by_test_id("registered").inner_text()


def test_register_learn_self_assess_and_download_the_certificate_on_a_phone(
    world: World, live_server: Any, new_page: Any, tmp_path: Any, settings: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    person = factories.person(world, name=NAME)
    make_set(world, Title.CITIZEN)
    course = lf.resource(world, "Kỹ năng số cho mọi người")

    citizen = new_page(width=360, height=740)
    _register(citizen, live_server, world)
    hamlet_head = new_page(width=360, height=740)
    log_in(hamlet_head, live_server.url, "hamlet_head", PASSWORD)
    hamlet_head.get_by_text(NAME).first.click()
    hamlet_head.get_by_test_id("confirm").click()
    hamlet_head.wait_for_load_state()
    person.refresh_from_db()
    assert person.user is not None

    # The citizen adds the course they finished, found in the catalogue without diacritics.
    citizen.locator("details.menu summary").click()  # the phone's menu
    citizen.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Học tập của tôi"
    ).click()
    assert citizen.get_by_test_id("learning-person").inner_text().startswith(NAME)
    citizen.get_by_test_id("learning-add").click()
    citizen.fill("#resource-q", "ky nang so")
    citizen.get_by_role("button", name="Tìm").click()
    citizen.get_by_test_id("resource-choice").filter(has_text=course.title).click()
    assert course.title in citizen.get_by_test_id("resource-chosen").inner_text()
    _fits(citizen)
    citizen.select_option("select[name=kind]", "online_course")
    citizen.fill("input[name=hours]", "8")
    citizen.set_input_files(
        "input[name=certificate]",
        {"name": "chung-chi.jpg", "mimeType": "image/jpeg", "buffer": lf.jpeg_bytes()},
    )
    citizen.get_by_test_id("learning-save").click()
    citizen.wait_for_load_state()
    line = citizen.get_by_test_id("learning-line").filter(has_text=course.title)
    assert "Chờ xác nhận" in line.inner_text()
    assert "Học liệu: Kỹ năng số cho mọi người" in line.inner_text()
    photo = citizen.request.get(
        live_server.url + str(line.get_by_test_id("line-certificate").get_attribute("href"))
    )
    assert photo.ok and photo.headers["content-type"] == "image/jpeg"
    citizen.check("input[name=online_learning]")
    citizen.get_by_test_id("digital-save").click()
    citizen.wait_for_load_state()
    assert citizen.get_by_test_id("digital-skilled").is_visible()
    _fits(citizen)

    entry = LearningEntry.objects.get(person=person, title=course.title)
    record.confirm_entry(user=world.commune_officer, entry=entry)

    # Registers for the title, chooses their group and finds the course beside "công nghệ thông tin".
    citizen.goto(live_server.url + reverse("recognition:me"))
    citizen.get_by_test_id("register-citizen").click()
    citizen.select_option("select[name=group]", "nong_dan")
    citizen.get_by_role("button", name="Lưu nháp").click()
    citizen.wait_for_load_state()
    item = citizen.locator("fieldset", has=citizen.locator("#points-2\\.1"))
    assert course.title in item.get_by_test_id("item-learning").inner_text()
    assert citizen.input_value("#note-2\\.1") == (
        "Sổ theo dõi học tập: Kỹ năng số cho mọi người (8 giờ)"
    )
    _fits(citizen)
    citizen.fill("#points-1\\.1", "8")
    citizen.fill("#points-2\\.1", "7")
    citizen.get_by_test_id("submit-self-assessment").click()
    assert citizen.get_by_test_id("state").inner_text() == "Đã tự đánh giá"
    assessment = Assessment.objects.get(person=person)
    assert "Kỹ năng số cho mọi người" in assessment.answers["2.1"]["note"]

    marks = {"1.1": {"points": "8"}, "2.1": {"points": "7"}}
    actions.review(actor=world.hamlet_head, assessment=assessment, marks=marks)
    actions.propose(actor=world.hamlet_head, assessment=assessment)
    actions.recognise(actor=world.commune_officer, assessments=[assessment], data=decision_data())

    # The certificate on the phone: from "Danh hiệu của tôi" and from "Học tập của tôi".
    citizen.reload()
    assert citizen.get_by_test_id("state").inner_text() == "Đã công nhận"
    assert citizen.get_by_test_id("certificate").is_visible()
    _fits(citizen)
    pdf = citizen.request.get(
        live_server.url + str(citizen.get_by_test_id("certificate").get_attribute("href"))
    )
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    citizen.get_by_test_id("my-learning").click()
    download = citizen.get_by_test_id("my-certificate-pdf")
    assert download.is_visible()
    _fits(citizen)
    same = citizen.request.get(live_server.url + str(download.get_attribute("href")))
    assert same.ok and same.body().startswith(b"%PDF")
    assert same.headers["content-type"] == "application/pdf"
    assert Assessment.objects.get(pk=assessment.pk).state == State.RECOGNISED

    # The Hà Nội indicators count her: recognised this year, skilled, updated her record herself.
    kept = {
        r.indicator: (r.numerator, r.denominator)
        for r in RollupCount.objects.filter(
            indicator__in=CODES, place=world.commune, year=LIVE_YEAR
        )
    }
    assert kept == {"citizen_digital": (1, 1), "citizen_digital_self": (1, 1)}
