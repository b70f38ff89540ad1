"""The evaluation sheet the app hands out comes back in: the hamlet's households listed, each
column's maximum on it, untouched rows skipped, and the hamlet head lands on a page it may see."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from xhht.audit.models import AuditEntry
from xhht.criteria.models import Title
from xhht.recognition.models import Assessment, State
from xhht.recognition.tests.factories import YEAR, make_household, make_person, make_set
from xhht.testing.world import World


def _template(client: Any, world: World) -> Any:
    response = client.get(
        reverse("recognition:sheet_template"),
        {"hamlet": world.hamlet.pk, "title": "family", "year": YEAR},
    )
    assert response.status_code == 200
    assert "phieu-danh-gia-gia-dinh-hoc-tap-" in response["Content-Disposition"]
    return load_workbook(io.BytesIO(response.content))


def test_the_template_lists_the_hamlets_households_and_each_columns_maximum(
    world: World, client_for: Any
) -> None:
    make_set(world)
    make_household(world.hamlet, code="HO-001", head="Nguyễn Văn An")
    make_household(world.hamlet, code="HO-002", head="Trần Thị Bình")
    make_household(world.other_hamlet, code="HO-900", head="Ở thôn khác")
    book = _template(client_for(world.hamlet_head), world)
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Mã hộ", "Chủ hộ", "1.1", "1.2", "2.1", "Nhận xét")
    assert [r[:2] for r in rows[1:]] == [("HO-001", "Nguyễn Văn An"), ("HO-002", "Trần Thị Bình")]
    assert "từ 0 đến 10 điểm" in sheet["C1"].comment.text
    assert "đạt" in sheet["D1"].comment.text
    rules = {str(v.sqref).split(":")[0]: v for v in sheet.data_validations.dataValidation}
    assert rules["C2"].type == "decimal" and float(rules["C2"].formula2) == 10
    assert rules["D2"].type == "list"
    guide = [r for r in book.worksheets[1].iter_rows(values_only=True)]
    assert ("1.1", "Trẻ em trong độ tuổi đi học được đến trường", "0 – 10 điểm") in guide


def test_the_hamlet_head_fills_the_downloaded_sheet_and_it_imports(
    world: World, client_for: Any
) -> None:
    make_set(world)
    for n in (1, 2, 3):
        make_household(world.hamlet, code=f"HO-00{n}", head=f"Hộ số {n}")
    client = client_for(world.hamlet_head)
    book = _template(client, world)
    sheet = book.worksheets[0]
    sheet["C2"], sheet["D2"], sheet["E2"] = 8, "đạt", 7
    sheet["C3"], sheet["D3"], sheet["E3"], sheet["F3"] = 9, "không đạt", 9, "Cần cố gắng"
    buffer = io.BytesIO()
    book.save(buffer)  # row 4 (HO-003) stays untouched: skipped, not an error
    response = client.post(
        reverse("recognition:sheet_import"),
        {
            "title": "family",
            "year": YEAR,
            "hamlet": world.hamlet.pk,
            "file": SimpleUploadedFile("phieu.xlsx", buffer.getvalue()),
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert Assessment.objects.filter(state=State.REVIEWED).count() == 2
    landing = client.get(response["Location"])
    assert landing.status_code == 200
    assert "HO-001" in landing.content.decode() or "Hộ số 1" in landing.content.decode()


def test_a_template_sent_back_without_any_mark_says_so(world: World, client_for: Any) -> None:
    make_set(world)
    make_household(world.hamlet, code="HO-001", head="Nguyễn Văn An")
    client = client_for(world.hamlet_head)
    book = _template(client, world)
    buffer = io.BytesIO()
    book.save(buffer)
    response = client.post(
        reverse("recognition:sheet_import"),
        {
            "title": "family",
            "year": YEAR,
            "hamlet": world.hamlet.pk,
            "file": SimpleUploadedFile("phieu.xlsx", buffer.getvalue()),
        },
    )
    body = response.content.decode()
    assert "Chưa có dòng nào được chấm" in body
    assert "không tìm thấy" not in body


def test_a_citizen_sheet_with_cccd_numbers_is_written_in_the_trail(
    world: World, client_for: Any
) -> None:
    make_set(world, Title.CITIZEN)
    person = make_person(world.hamlet, "Trần Thị Bình")
    person.set_cccd("092301000123")
    person.save()
    response = client_for(world.commune_officer).get(
        reverse("recognition:sheet_template"),
        {"hamlet": world.hamlet.pk, "title": "citizen", "year": YEAR},
    )
    rows = list(
        load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True)
    )
    assert rows[1][:2] == ("092301000123", "Trần Thị Bình")
    entry = AuditEntry.objects.get(step="export-evaluation_sheet")
    assert entry.actor == world.commune_officer and entry.place == world.hamlet
