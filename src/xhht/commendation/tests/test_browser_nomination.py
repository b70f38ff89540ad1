"""Done when of issue 18, in a real browser on a 360 px phone: a nomination goes from a hamlet
(the hamlet head, from the person's page, with a photo as evidence) to the commune's council
(the reviewer's votes) to a decision (the commune officer's Giấy khen, whose DOCX opens), and
the person's page shows the commendation."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from docx import Document

from xhht.commendation.models import Nomination, State
from xhht.commendation.tests import factories
from xhht.registry.models import Person
from xhht.testing.browser import log_in
from xhht.testing.world import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _fits(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def test_a_nomination_from_the_hamlet_to_the_council_to_a_decision_on_the_persons_page(
    world: World, live_server: Any, new_page: Any, tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    movement = factories.movement(world)
    lan = Person.objects.create(
        full_name="Trần Thị Lan", sex="F", birth_year=1962, place=world.hamlet
    )
    person_url = live_server.url + reverse("registry:person_detail", args=[lan.pk])
    photo = tmp_path / "tu-sach.jpg"
    photo.write_bytes(factories.jpeg_bytes())

    head = new_page(width=360, height=740)
    log_in(head, live_server.url, "hamlet_head", PASSWORD)
    head.goto(person_url)
    head.get_by_test_id("nominate-record").click()
    assert "Trần Thị Lan" in head.get_by_test_id("subject").inner_text()
    head.select_option("select[name=movement]", str(movement.pk))
    head.fill("textarea[name=achievements]", "Mở tủ sách tại nhà, 300 cuốn, cho trẻ em đọc.")
    head.get_by_test_id("nominate-save").click()
    assert "Đã lập hồ sơ đề nghị khen thưởng" in head.content()
    _fits(head)
    head.set_input_files("input[name=file]", str(photo))
    head.get_by_test_id("evidence-add").click()
    assert "Đã thêm minh chứng" in head.content()
    head.get_by_test_id("submit").click()
    assert head.get_by_test_id("state").inner_text() == "Đã gửi hội đồng"
    nomination = Nomination.objects.get(person=lan)
    assert nomination.evidence.count() == 1

    council = new_page(width=360, height=740)
    log_in(council, live_server.url, "reviewer", PASSWORD)
    council.goto(live_server.url + reverse("commendation:nomination_list") + "?state=submitted")
    council.get_by_role("link", name="Trần Thị Lan").click()
    council.fill("input[name=votes_for]", "7")
    council.fill("input[name=votes_against]", "0")
    council.fill("textarea[name=note]", "Hội đồng nhất trí đề nghị tặng Giấy khen.")
    council.get_by_test_id("agree").click()
    assert council.get_by_test_id("state").inner_text() == "Hội đồng đã thống nhất"
    assert council.get_by_test_id("decide").count() == 0  # the council does not decide
    _fits(council)

    officer = new_page(width=360, height=740)
    log_in(officer, live_server.url, "commune_officer", PASSWORD)
    officer.goto(live_server.url + reverse("commendation:nomination_detail", args=[nomination.pk]))
    officer.get_by_test_id("decide").click()
    officer.fill("input[name=decision_number]", "125/QĐ-UBND")
    officer.fill("input[name=signer_name]", "Trần Văn Chủ")
    officer.get_by_test_id("decide-save").click()
    assert "Đã ghi quyết định khen thưởng" in officer.content()
    assert officer.get_by_test_id("state").inner_text() == "Đã quyết định khen thưởng"
    _fits(officer)
    with officer.expect_download() as download:
        officer.get_by_test_id("decision-docx").click()
    document = Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Tặng Giấy khen cho Bà Trần Thị Lan, Khu vực 1, Phường Ninh Kiều" in text
    assert Nomination.objects.get(pk=nomination.pk).state == State.DECIDED

    head.goto(person_url)
    honour = head.get_by_test_id("honour")
    assert "Giấy khen" in honour.inner_text() and "125/QĐ-UBND" in honour.inner_text()
    _fits(head)
