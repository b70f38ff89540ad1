"""The commendation pages: scope (another commune's nomination is 404), the lists without a
query per row, the steps through the pages, the decision DOCX opened back, and the honour on
the person's page."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse
from docx import Document

from xhht.commendation import actions
from xhht.commendation.models import Award, Nomination, State
from xhht.commendation.tests import factories
from xhht.registry.models import Person
from xhht.testing.world import World

pytestmark = pytest.mark.django_db


def test_another_communes_nomination_is_404_and_not_listed(world: World, client_for: Any) -> None:
    nomination = factories.submitted(world)
    url = reverse("commendation:nomination_detail", args=[nomination.pk])
    assert client_for(world.commune_officer).get(url).status_code == 200
    assert client_for(world.hamlet_head).get(url).status_code == 200
    other = client_for(world.other_officer)
    assert other.get(url).status_code == 404
    assert (
        other.post(
            reverse("commendation:nomination_agree", args=[nomination.pk]), {"note": "x"}
        ).status_code
        == 404
    )
    listing = other.get(reverse("commendation:nomination_list"))
    assert nomination.subject_name() not in listing.content.decode()
    assert Nomination.objects.get(pk=nomination.pk).state == State.SUBMITTED


def test_the_province_movement_is_seen_and_nominated_into_from_a_hamlet(
    world: World, client_for: Any
) -> None:
    movement = world.once("movement", factories.movement)
    person = factories.person(world)
    page = client_for(world.hamlet_head).get(
        reverse("commendation:movement_detail", args=[movement.pk])
    )
    assert page.status_code == 200 and "Tích cực học tập suốt đời" in page.content.decode()
    found = client_for(world.hamlet_head).get(
        reverse("commendation:nominate"), {"kind": "person", "q": "nguyen van an"}
    )
    assert f"id={person.pk}" in found.content.decode()  # typed without diacritics
    response = client_for(world.hamlet_head).post(
        reverse("commendation:nominate"),
        {"kind": "person", "id": person.pk, "movement": movement.pk, "achievements": "Tủ sách."},
    )
    nomination = Nomination.objects.get()
    assert response.status_code == 302 and nomination.person == person
    assert nomination.proposed_by == world.hamlet_head


def test_a_person_of_another_commune_cannot_be_picked(world: World, client_for: Any) -> None:
    stranger = Person.objects.create(
        full_name="Võ Văn Xa", sex="M", birth_year=1970, place=world.other_hamlet
    )
    response = client_for(world.hamlet_head).get(
        reverse("commendation:nominate"), {"kind": "person", "id": stranger.pk}
    )
    assert response.status_code == 404


def test_the_steps_through_the_pages_and_the_decision_docx_opened_back(
    world: World, client_for: Any
) -> None:
    nomination = factories.nomination(world)
    pk = nomination.pk
    head = client_for(world.hamlet_head)
    head.post(reverse("commendation:nomination_submit", args=[pk]), {"version": nomination.version})
    reviewer = client_for(world.reviewer)
    detail = reviewer.get(reverse("commendation:nomination_detail", args=[pk])).content.decode()
    assert 'data-testid="agree"' in detail and 'data-testid="decide"' not in detail
    reviewer.post(
        reverse("commendation:nomination_agree", args=[pk]),
        {"votes_for": "7", "votes_against": "0"},
    )
    officer = client_for(world.commune_officer)
    form = officer.get(reverse("commendation:nomination_decide", args=[pk])).content.decode()
    assert "Ủy ban nhân dân Phường Ninh Kiều" in form and "Bằng khen" not in form
    response = officer.post(
        reverse("commendation:nomination_decide", args=[pk]),
        {
            "award": "giay_khen",
            "issuer": "Ủy ban nhân dân Phường Ninh Kiều",
            "decision_number": "125/QĐ-UBND",
            "decision_date": "2026-11-05",
            "signer_title": "Chủ tịch",
            "signer_name": "Trần Văn Chủ",
        },
    )
    assert response.status_code == 302
    assert Nomination.objects.get(pk=pk).state == State.DECIDED
    download = officer.get(reverse("commendation:nomination_docx", args=[pk]))
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    document = Document(io.BytesIO(download.content))
    text = "\n".join(p.text for p in document.paragraphs)
    header = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[1]
    assert "ỦY BAN NHÂN DÂN" in header[0] and "PHƯỜNG NINH KIỀU" in header[0]
    assert "Số: 125/QĐ-UBND" in header[2]
    assert "Ninh Kiều, ngày 05 tháng 11 năm 2026" in header[3]
    assert "Về việc tặng Giấy khen" in text
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in text
    assert "Tặng Giấy khen cho Ông Nguyễn Văn An, Khu vực 1, Phường Ninh Kiều" in text
    assert "Trần Văn Chủ" in header[-1]


def test_the_person_page_shows_the_commendation(world: World, client_for: Any) -> None:
    nomination = factories.decided(world)
    url = reverse("registry:person_detail", args=[nomination.person_id])
    page = client_for(world.commune_officer).get(url).content.decode()
    assert 'data-testid="honour"' in page
    assert "Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã" in page and "125/QĐ-UBND" in page


def test_an_undecided_nomination_is_not_an_honour(world: World, client_for: Any) -> None:
    nomination = factories.reviewed(world)
    url = reverse("registry:person_detail", args=[nomination.person_id])
    page = client_for(world.commune_officer).get(url).content.decode()
    assert 'data-testid="honour"' not in page and 'data-testid="nominate-record"' in page


def test_the_list_reads_a_page_of_nominations_in_a_fixed_number_of_queries(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    movement = world.once("movement", factories.movement)
    for number in range(12):
        person = Person.objects.create(
            full_name=f"Người {number}", sex="F", birth_year=1990, place=world.hamlet
        )
        factories.nomination(world, subject=person)
    client = client_for(world.commune_officer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("commendation:nomination_list"))
    assert response.content.decode().count('data-testid="nomination-row"') == 12
    with django_assert_max_num_queries(12):
        client.get(reverse("commendation:movement_detail", args=[movement.pk]))


def test_a_hamlets_page_shows_its_commendation_as_a_collective(
    world: World, client_for: Any
) -> None:
    nomination = factories.nomination(world, subject=world.hamlet, actor=world.commune_officer)
    actions.submit(actor=world.commune_officer, nomination=nomination)
    actions.agree(actor=world.reviewer, nomination=nomination, note="Nhất trí.")
    actions.decide(
        actor=world.commune_officer,
        nomination=nomination,
        award=Award.COMMUNE_CERTIFICATE,
        issuer="Ủy ban nhân dân Phường Ninh Kiều",
        decision_number="130/QĐ-UBND",
        decision_date=factories.DECISION_DATE,
        signer_title="Chủ tịch",
        signer_name="Trần Văn Chủ",
    )
    page = client_for(world.hamlet_head).get(reverse("places:detail", args=[world.hamlet.pk]))
    assert "130/QĐ-UBND" in page.content.decode()
    commune = client_for(world.commune_officer).get(
        reverse("places:detail", args=[world.commune.pk])
    )
    assert 'data-testid="honours"' not in commune.content.decode()
