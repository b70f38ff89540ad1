"""Download names: Vietnamese names reach the browser intact, with an ASCII name beside them."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from django.urls import reverse

from xhht.core.downloads import content_disposition, file_name
from xhht.recognition import actions
from xhht.recognition.tests.factories import decision_data, family_assessment
from xhht.testing.world import World


def _filename_read_as_a_browser_does(header: str) -> str:
    """RFC 6266: a browser takes filename* (charset''percent-encoded) over filename."""
    star = re.search(r"filename\*=utf-8''([^;]+)", header)
    assert star is not None, header
    return unquote(star.group(1), errors="strict")


def test_a_vietnamese_name_travels_in_filename_star_with_an_ascii_fallback() -> None:
    header = content_disposition("Ảnh nhà văn hóa Đông Thịnh.jpg")
    header.encode("latin-1")  # a header the server can send
    assert 'filename="Anh-nha-van-hoa-Dong-Thinh.jpg"' in header
    assert "filename*=utf-8''" in header
    assert _filename_read_as_a_browser_does(header) == "Ảnh nhà văn hóa Đông Thịnh.jpg"


def test_an_ascii_name_is_sent_as_it_is() -> None:
    assert content_disposition("danh-sach-ho-gia-dinh.xlsx") == (
        'attachment; filename="danh-sach-ho-gia-dinh.xlsx"'
    )
    assert content_disposition("a.pdf", inline=True) == 'inline; filename="a.pdf"'


def test_names_the_app_makes_are_ascii_words() -> None:
    assert file_name("quyet-dinh", "15/QĐ-UBND", extension="docx") == "quyet-dinh-15-QD-UBND.docx"
    assert file_name("tien-do", "Cần Thơ", 2026, extension="xlsx") == "tien-do-Can-Tho-2026.xlsx"
    assert 'filename="x.pdf"' in content_disposition('x".pdf')  # no quote breaks the header


def test_the_decision_downloads_as_quyet_dinh_and_its_number(world: World, client_for: Any) -> None:
    assessment = family_assessment(world, state="proposed")
    decision = actions.recognise(
        actor=world.commune_officer, assessments=[assessment], data=decision_data()
    )
    client = client_for(world.commune_officer)
    docx = client.get(reverse("recognition:decision_docx", args=[decision.pk]))
    assert docx["Content-Disposition"] == 'attachment; filename="quyet-dinh-15-QD-UBND.docx"'
    pdf = client.get(reverse("recognition:decision_pdf", args=[decision.pk]))
    assert pdf["Content-Disposition"] == 'inline; filename="quyet-dinh-15-QD-UBND.pdf"'
