"""The decision and the certificate as an office files them (NĐ 30/2020/NĐ-CP), read off the
rendered pages: the decision's DOCX converted to PDF by LibreOffice, the app's own PDFs."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from xhht.criteria.models import ILLUSTRATIVE_NOTICE, CriteriaSet
from xhht.recognition import actions
from xhht.recognition.models import Assessment, Decision
from xhht.recognition.tests.factories import family_assessment, make_household, make_set
from xhht.registry.models import Person
from xhht.testing import rendered
from xhht.testing.rendered import TextLine, line
from xhht.testing.world import World

ISSUER = "ỦY BAN NHÂN DÂN PHƯỜNG CÁI KHẾ"
PLACE_DATE = "Cái Khế, ngày 15 tháng 5 năm 2026"
CRITERIA_DECISION = (
    "Căn cứ Quyết định số 12/2025/QĐ-UBND ngày 01 tháng 8 năm 2025 của Ủy ban nhân dân "
    "thành phố Cần Thơ;"
)


def _criteria(world: World, *, illustrative: bool = False) -> CriteriaSet:
    criteria_set = make_set(
        world,
        legal_basis={
            "document": "12/2025/QĐ-UBND",
            "issuer": "Ủy ban nhân dân thành phố Cần Thơ",
            "date": "2025-08-01",
        },
    )
    criteria_set.illustrative = illustrative
    criteria_set.save()
    return criteria_set


def _decision(world: World, *, illustrative: bool = False) -> tuple[Decision, Assessment]:
    """A decision of the Cái Khế ward for the household of Bùi Hồng Hiền (a man) and another."""
    _criteria(world, illustrative=illustrative)
    household = make_household(world.hamlet, code="HO-101", head="Bùi Hồng Hiền")
    Person.objects.create(
        full_name="Bùi Hồng Hiền",
        sex=Person.Sex.MALE,
        birth_year=1975,
        place=world.hamlet,
        household=household,
        relation=Person.Relation.HEAD,
    )
    first = family_assessment(world, state="proposed", household=household)
    second = family_assessment(world, state="proposed", code="HO-102")
    decision = actions.recognise(
        actor=world.commune_officer,
        assessments=[first, second],
        data=actions.DecisionData(
            number="15/QĐ-UBND",
            date=datetime.date(2026, 5, 15),
            signer_name="Lê Văn Cường",
            signer_position="Chủ tịch",
            issuing_body="Ủy ban nhân dân phường Cái Khế",
            parent_body="",
            place_name="Phường Cái Khế",
        ),
    )
    first.refresh_from_db()
    return decision, first


def _issuer_lines(lines: list[TextLine]) -> list[str]:
    """The lines left of the Quốc hiệu above the number: the issuer's name as printed."""
    national = line(lines, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    number = next(candidate for candidate in lines if candidate.text.startswith("Số:"))
    return [
        candidate.text
        for candidate in lines
        if candidate.page == 1
        and candidate.x1 < national.x0
        and candidate.y0 < number.y0
        and candidate.text.strip("_ ")
    ]


def check_state_layout(lines: list[TextLine], *, issuer: str, signer: str) -> None:
    """What NĐ 30 asks of every page set the app files, as the reader sees it."""
    national = line(lines, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    motto = line(lines, "Độc lập - Tự do - Hạnh phúc")
    assert motto.y0 > national.y0 and motto.page == national.page == 1
    printed = _issuer_lines(lines)
    assert " ".join(printed).split() == issuer.split(), printed  # whole words, in order
    place_date = next(c for c in lines if c.text.split()[:1] == PLACE_DATE.split()[:1])
    assert " ".join(place_date.text.split()).startswith(PLACE_DATE.split(",")[0] + ",")
    recipients = line(lines, "Nơi nhận:")
    name = line(lines, signer)
    assert recipients.page == name.page, "the signature block runs over two pages"
    body_left = min(c.x0 for c in lines if c.page == 1 and c.text.startswith("Căn cứ"))
    assert abs(recipients.x0 - body_left) < 3, (recipients.x0, body_left)


@rendered.needs_office
def test_the_decision_docx_rendered_by_libreoffice_reads_as_nd30_asks(
    world: World, client_for: Any, tmp_path: Path
) -> None:
    decision, _first = _decision(world)
    docx = client_for(world.commune_officer).get(
        reverse("recognition:decision_docx", args=[decision.pk])
    )
    pdf = rendered.docx_to_pdf(docx.content, tmp_path)
    _check_decision(pdf, tmp_path)


@rendered.needs_poppler
def test_the_decision_pdf_reads_as_nd30_asks(world: World, client_for: Any, tmp_path: Path) -> None:
    decision, _first = _decision(world)
    pdf = client_for(world.commune_officer).get(
        reverse("recognition:decision_pdf", args=[decision.pk])
    )
    _check_decision(pdf.content, tmp_path)


def _check_decision(pdf: bytes, folder: Path) -> None:
    lines = rendered.text_lines(pdf, folder)
    check_state_layout(lines, issuer=ISSUER, signer="Lê Văn Cường")
    line(lines, PLACE_DATE)
    text = rendered.joined(lines)
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;" in text
    assert CRITERIA_DECISION in text
    assert "Bộ tiêu chí Gia đình học tập" not in text  # a set's name is not a legal basis
    assert "Phường Cái Khế, ngày" not in text
    line(lines, "TM. ỦY BAN NHÂN DÂN")
    assert any("STT" in c.text.split() for c in lines if c.page == 2)  # the annex's heading
    assert rendered.times_or_twin(rendered.fonts(pdf, folder)), rendered.fonts(pdf, folder)


@rendered.needs_poppler
def test_the_certificate_names_the_holder_in_full_and_prints_no_signature(
    world: World, client_for: Any, tmp_path: Path
) -> None:
    _made, first = _decision(world)
    pdf = client_for(world.commune_officer).get(reverse("recognition:certificate", args=[first.pk]))
    lines = rendered.text_lines(pdf.content, tmp_path)
    line(lines, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    line(lines, "Độc lập - Tự do - Hạnh phúc")
    line(lines, "Hộ ông Bùi Hồng Hiền")
    line(lines, PLACE_DATE)
    text = rendered.joined(lines)
    assert "ông/bà" not in text and "Ed25519" not in text
    assert first.certificate.signature not in text.replace(" ", "")
    assert first.certificate.payload["holder"] == "Hộ ông Bùi Hồng Hiền"  # the verify page too
    assert {p.page for p in lines} == {1}
    used = rendered.fonts(pdf.content, tmp_path)
    assert rendered.times_or_twin(used), used


@pytest.mark.parametrize("document", ["decision_docx", "decision_pdf", "certificate"])
def test_illustrative_values_are_said_on_the_document(
    world: World, client_for: Any, document: str
) -> None:
    decision, first = _decision(world, illustrative=True)
    pk = first.pk if document == "certificate" else decision.pk
    response = client_for(world.commune_officer).get(reverse(f"recognition:{document}", args=[pk]))
    if document == "decision_docx":
        text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    else:
        pages = PdfReader(io.BytesIO(response.content)).pages
        text = " ".join(page.extract_text() for page in pages)
    assert str(ILLUSTRATIVE_NOTICE) in " ".join(text.split())


def test_official_values_carry_no_demo_notice(world: World, client_for: Any) -> None:
    decision, _first = _decision(world)
    docx = client_for(world.commune_officer).get(
        reverse("recognition:decision_docx", args=[decision.pk])
    )
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "minh họa" not in text
