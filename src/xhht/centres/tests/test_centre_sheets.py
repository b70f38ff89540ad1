"""Institutions in XLSX: the export reads back as an import, a bad sheet saves nothing and says
what is wrong on each row, one active TTHTCĐ per commune holds across the sheet and the stored
centres, and a code used outside one's scope is refused."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from xhht.audit.models import AuditEntry
from xhht.audit.wording import step_label
from xhht.centres.centre_sheets import COLUMNS
from xhht.centres.models import Centre
from xhht.centres.tests import factories
from xhht.core.tests.hostile import far_cell_xlsx
from xhht.indicators.models import RollupCount
from xhht.testing.clients import ClientFor
from xhht.testing.world import World

pytestmark = pytest.mark.django_db
HEADER = [title for _key, title in COLUMNS]


def _sheet(rows: list[list[object]], header: list[str] | None = None) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(header or HEADER)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("co-so.xlsx", buffer.getvalue())


def _row(code: str, place: str, kind: str = "Thư viện", **cells: object) -> list[object]:
    values: dict[str, object] = {
        "code": code,
        "name": f"Cơ sở {code}",
        "kind": kind,
        "place": place,
        "status": "Đang hoạt động",
        "computers": 3,
        "internet": "Có",
    }
    values.update(cells)
    return [values.get(key, "") for key, _title in COLUMNS]


def _post(client: Client, upload: SimpleUploadedFile) -> tuple[int, str]:
    response = client.post(reverse("centres:centre_import"), {"file": upload})
    return response.status_code, response.content.decode()


def test_the_exported_list_reads_back_as_an_import_that_changes_nothing(
    world: World, client_for: ClientFor
) -> None:
    factories.centre(world)
    factories.centre(world, code="TV-1", kind=Centre.Kind.LIBRARY, name="Thư viện Ninh Kiều")
    client = client_for(world.commune_officer)
    exported = client.get(reverse("centres:centre_export"))
    assert exported.status_code == 200
    book = load_workbook(BytesIO(exported.content), read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert "Danh sách cơ sở học tập" in str(rows[0][0])
    assert list(rows[1]) == HEADER
    assert {r[0] for r in rows[2:]} == {"TT-31135", "TV-1"}
    status, page = _post(client, SimpleUploadedFile("lai.xlsx", exported.content))
    assert status == 302, page
    followed = client.get(reverse("centres:centre_list")).content.decode()
    assert "0 cơ sở mới, 0 cập nhật, 2 không đổi" in followed


def test_a_good_sheet_creates_and_updates_by_code(world: World, client_for: ClientFor) -> None:
    factories.centre(world)
    client = client_for(world.commune_officer)
    rows = [
        _row("TT-31135", "31135", kind="Trung tâm học tập cộng đồng", computers=12, pilot_it="Có"),
        _row("NVH-1", "Phường Ninh Kiều", kind="Nhà văn hóa, điểm bưu điện văn hóa, điểm đọc sách"),
    ]
    status, page = _post(client, _sheet(rows))
    assert status == 302, page
    centre = Centre.objects.get(code="TT-31135")
    assert centre.computers == 12 and centre.pilot_it
    assert Centre.objects.get(code="NVH-1").place == world.commune
    step = AuditEntry.objects.get(step="import_centres")
    assert step.place == world.commune and step.actor == world.commune_officer
    assert step_label(step.step) == "Nhập cơ sở học tập từ tệp"


def test_every_bad_row_gets_a_vietnamese_message_and_nothing_is_saved(
    world: World, client_for: ClientFor
) -> None:
    client = client_for(world.commune_officer)
    rows = [
        _row("OK-1", "31135"),
        _row("", "31135"),
        _row("BAD-2", "Phường Cái Khế"),
        _row("BAD-3", "31135", kind="Rạp chiếu phim"),
        _row("BAD-4", "31135", computers="nhiều"),
        _row("BAD-5", "31135", internet="có lẽ"),
        _row("OK-1", "31135"),
        _row("BAD-7", "31135", pilot_it="Có"),
    ]
    status, page = _post(client, _sheet(rows))
    assert status == 400
    assert "Dòng 3: thiếu mã cơ sở." in page
    assert "Dòng 4: không có xã/phường “Phường Cái Khế” trong phạm vi bạn quản lý." in page
    assert "Dòng 5: loại cơ sở không hợp lệ" in page
    assert "Dòng 6: cột “Số máy tính” phải là số nguyên" in page
    assert "Dòng 7: cột “Có kết nối Internet” ghi Có hoặc Không." in page
    assert "Dòng 8: mã cơ sở trùng với dòng 2." in page
    assert "Dòng 9: chỉ trung tâm học tập cộng đồng mới là điểm ứng dụng CNTT." in page
    assert not Centre.objects.exists()


def test_one_active_community_centre_per_commune_across_the_sheet_and_the_stored_ones(
    world: World, client_for: ClientFor
) -> None:
    factories.centre(world)
    client = client_for(world.commune_officer)
    tthtcd = "Trung tâm học tập cộng đồng"
    status, page = _post(client, _sheet([_row("TT-NEW", "31135", kind=tthtcd)]))
    assert status == 400
    assert "Dòng 2: một xã chỉ có một trung tâm học tập cộng đồng đang hoạt động" in page
    # Closing the old one in the same sheet lets the new one in.
    rows = [
        _row("TT-NEW", "31135", kind=tthtcd, internet="Không"),
        _row("TT-31135", "31135", kind=tthtcd, status="Đã giải thể"),
    ]
    status, page = _post(client, _sheet(rows))
    assert status == 302, page
    assert Centre.objects.active().community_centres().get().code == "TT-NEW"
    # The kept counts follow the bulk write: the commune's one active centre has no Internet.
    networked = RollupCount.objects.get(indicator="clc_networked", place=world.commune, year=0)
    assert (networked.numerator, networked.denominator) == (0, 1)


def test_a_code_used_outside_ones_scope_is_refused_without_saying_where(
    world: World, client_for: ClientFor
) -> None:
    factories.centre(world, code="TT-FAR", place=world.far_commune, name="TTHTCĐ Hoàn Kiếm")
    status, page = _post(client_for(world.commune_officer), _sheet([_row("TT-FAR", "31135")]))
    assert status == 400
    assert "mã cơ sở TT-FAR đã được dùng ở địa bàn khác." in page and "Hoàn Kiếm" not in page
    assert Centre.objects.get(code="TT-FAR").place == world.far_commune


def test_a_file_that_is_not_a_workbook_is_refused_with_a_message(
    world: World, client_for: ClientFor
) -> None:
    upload = SimpleUploadedFile("co-so.xlsx", b"not a workbook at all")
    status, page = _post(client_for(world.commune_officer), upload)
    assert status == 400 and "Chưa lưu: tệp có lỗi" in page


def test_the_template_has_the_import_columns_and_dropdowns(
    world: World, client_for: ClientFor
) -> None:
    response = client_for(world.commune_officer).get(reverse("centres:centre_template"))
    book = load_workbook(BytesIO(response.content))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[1]) == HEADER
    assert rows[2][3] == "31135"
    assert sheet.data_validations.dataValidation  # the kinds, statuses and Có/Không lists


def test_a_workbook_declaring_a_cell_at_xfd1048576_is_refused_before_it_is_read(
    world: World, client_for: ClientFor
) -> None:
    upload = SimpleUploadedFile("co-so.xlsx", far_cell_xlsx(("Mã", "Tên")))
    status, page = _post(client_for(world.commune_officer), upload)
    assert status == 400 and "Chưa lưu: tệp có lỗi" in page
    assert not Centre.objects.exists()
