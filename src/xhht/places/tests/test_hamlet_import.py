"""Hamlets from an XLSX sheet: a Vietnamese message per problem row, and nothing saved."""

from __future__ import annotations

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from xhht.places.models import Level, Place
from xhht.testing.clients import ClientFor
from xhht.testing.world import World


def _sheet(rows: list[list[object]], header: list[str] | None = None) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(header or ["Mã xã", "Tên thôn/tổ dân phố", "Loại"])
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("thon.xlsx", buffer.getvalue())


def _upload(client: Client, upload: SimpleUploadedFile) -> str:
    response = client.post(reverse("places:hamlet_import"), {"file": upload})
    return response.content.decode()


def _hamlet_names() -> set[str]:
    return set(Place.objects.filter(level=Level.HAMLET).values_list("name", flat=True))


def test_a_good_sheet_adds_hamlets_and_a_second_import_changes_nothing(
    world: World, client_for: ClientFor
) -> None:
    client = client_for(world.commune_officer)
    rows: list[list[object]] = [
        ["31135", "Khu vực 2", "khu vực"],
        ["31135", "Khu vực 3", "Khu Vực"],
    ]
    response = client.post(reverse("places:hamlet_import"), {"file": _sheet(rows)})
    assert response.status_code == 302
    assert {"Khu vực 2", "Khu vực 3"} <= _hamlet_names()
    hamlet = Place.objects.get(name="Khu vực 2")
    assert hamlet.parent == world.commune and hamlet.code.startswith("31135-")
    count = Place.objects.count()
    response = client.post(reverse("places:hamlet_import"), {"file": _sheet(rows)})
    assert response.status_code == 302
    assert Place.objects.count() == count


def test_every_problem_row_gets_a_vietnamese_message_and_nothing_is_saved(
    world: World, client_for: ClientFor
) -> None:
    before = _hamlet_names()
    rows: list[list[object]] = [
        ["31135", "Khu vực 5", "khu vực"],  # row 2: fine on its own
        ["99999", "Thôn Lạ", "thôn"],  # row 3: unknown commune code
        ["31135", "Khu vực 6", "khu vực"],  # row 4
        [
            "31135",
            "khu vuc 6",
            "khu vực",
        ],  # row 5: duplicate of row 4 (same name without diacritics)
        [None, None, None],  # row 6: empty row between data rows
        ["31135", "", "thôn"],  # row 7: no name
        ["31135", "Khu vực 7", "lâu đài"],  # row 8: unknown kind
        ["31120", "Khu vực 9", "khu vực"],  # row 9: another commune, not this officer's
    ]
    client = client_for(world.commune_officer)
    response = client.post(reverse("places:hamlet_import"), {"file": _sheet(rows)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Dòng 3: mã xã “99999” không có trong danh mục xã hiện hành." in page
    assert "Dòng 5: tên “khu vuc 6” trùng với dòng 4 trong cùng xã." in page
    assert "Dòng 6: dòng trống giữa các dòng dữ liệu" in page
    assert "Dòng 7: thiếu tên thôn/tổ dân phố." in page
    assert "Dòng 8: loại “lâu đài” không hợp lệ" in page
    assert "Dòng 9: xã “Phường Cái Khế” không thuộc phạm vi quản lý của bạn." in page
    assert "Dòng 2:" not in page and "Dòng 4:" not in page
    assert _hamlet_names() == before


def test_a_file_that_is_not_xlsx_is_refused_in_vietnamese(
    world: World, client_for: ClientFor
) -> None:
    client = client_for(world.commune_officer)
    fake = SimpleUploadedFile("thon.xlsx", b"Ma xa,Ten\n31135,Khu vuc 8\n")
    page = _upload(client, fake)
    assert "Tệp không phải bảng tính XLSX" in page
    assert "Khu vực 8" not in _hamlet_names()


def test_a_sheet_without_the_expected_columns_says_which_are_missing(
    world: World, client_for: ClientFor
) -> None:
    client = client_for(world.commune_officer)
    page = _upload(client, _sheet([["31135", "Khu vực 8"]], header=["Mã xã", "Tên"]))
    assert "Thiếu cột: Tên thôn/tổ dân phố, Loại" in page


def test_the_template_downloads_as_a_real_xlsx(world: World, client_for: ClientFor) -> None:
    client = client_for(world.commune_officer)
    response = client.get(reverse("places:hamlet_template"))
    workbook = load_workbook(BytesIO(response.content))
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert str(rows[0][0]).startswith("Mẫu nhập thôn, tổ dân phố — ")  # what, where, when
    assert rows[1] == ("Mã xã", "Tên thôn/tổ dân phố", "Loại")
    assert rows[2][0] == "31135"  # the officer's own commune as the example
    assert workbook.sheetnames[0] == "Thôn, tổ dân phố"


def test_the_template_filled_in_imports_back_under_its_title_row(
    world: World, client_for: ClientFor
) -> None:
    client = client_for(world.commune_officer)
    workbook = load_workbook(BytesIO(client.get(reverse("places:hamlet_template")).content))
    sheet = workbook.worksheets[0]
    sheet["B3"] = "Khu vực 21"  # the example row, renamed
    sheet.append([world.commune.code, "Khu vực 22", "khu vực"])
    buffer = BytesIO()
    workbook.save(buffer)
    _upload(client, SimpleUploadedFile("thon.xlsx", buffer.getvalue()))
    assert {"Khu vực 21", "Khu vực 22"} <= _hamlet_names()
