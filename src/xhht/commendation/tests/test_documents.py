"""The decision DOCX of a Bằng khen: issued by the province's council, dated at the province,
a collective named as such; opened back with python-docx."""

from __future__ import annotations

import datetime
import io

import pytest
from docx import Document

from xhht.commendation import actions
from xhht.commendation.documents import decision_docx
from xhht.commendation.models import Award
from xhht.commendation.tests import factories
from xhht.registry.tests import factories as registry_factories
from xhht.testing.world import World

pytestmark = pytest.mark.django_db


def test_a_bang_khen_of_a_unit_is_issued_and_dated_by_the_province(world: World) -> None:
    school = registry_factories.unit(world)
    nomination = factories.nomination(world, subject=school)
    actions.submit(actor=world.hamlet_head, nomination=nomination)
    actions.agree(actor=world.commune_officer, nomination=nomination, note="Nhất trí.")
    actions.decide(
        actor=world.coordinator,
        nomination=nomination,
        award=Award.PROVINCE_CERTIFICATE,
        issuer=actions.default_issuer(nomination, Award.PROVINCE_CERTIFICATE),
        decision_number="2041/QĐ-UBND",
        decision_date=datetime.date(2026, 2, 3),
        signer_title="Chủ tịch",
        signer_name="Lê Văn Tỉnh",
    )
    document = Document(io.BytesIO(decision_docx(nomination)))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join(p.text for p in document.paragraphs)
    assert cells[0].split("\n")[:2] == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ CẦN THƠ"]
    assert cells[3] == "Cần Thơ, ngày 03 tháng 02 năm 2026"
    assert "Về việc tặng Bằng khen" in text
    assert "Tặng Bằng khen cho Trường Tiểu học Ninh Kiều, Khu vực 1, Phường Ninh Kiều" in text
    assert "Hội đồng Thi đua - Khen thưởng Phường Ninh Kiều" in text
    assert document.sections[0].page_width == 7560310  # A4 (21 cm), NĐ 30/2020
