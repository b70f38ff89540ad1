"""The registry's sheets as people use them: a title row saying what, where and when, named
sheets with diacritics, widths, dropdowns in the templates; each template filled in and
imported back; exports with numbers and dates as numbers and dates."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from xhht.registry.imports import clans, households, units
from xhht.registry.models import Clan, Household, Person, Unit
from xhht.registry.tests import factories
from xhht.registry.tests.test_import_households import confirm, upload
from xhht.testing.world import World

COLUMNS = {"household": households.COLUMNS, "unit": units.COLUMNS, "clan": clans.COLUMNS}
FILES = {
    "household": "mau-nhap-ho-gia-dinh.xlsx",
    "unit": "mau-nhap-don-vi.xlsx",
    "clan": "mau-nhap-dong-ho.xlsx",
}


def _template(client: Any, kind: str) -> Any:
    response = client.get(reverse(f"registry:{kind}_template"))
    assert response.status_code == 200
    return response, load_workbook(io.BytesIO(response.content))


def _dropdowns(sheet: Any) -> dict[str, list[str]]:
    """Header title → the values its list validation offers (from the hidden "Danh mục")."""
    catalogue = sheet.parent["Danh mục"]
    header = {cell.column_letter: str(cell.value) for cell in sheet[2]}
    found: dict[str, list[str]] = {}
    for validation in sheet.data_validations.dataValidation:
        assert validation.type == "list"
        reference = validation.formula1.split("!")[1].replace("$", "")
        values = [c.value for row in catalogue[reference] for c in row]
        for cells in validation.sqref.ranges:
            found[header[cells.coord.split(":")[0].rstrip("0123456789")]] = values
    return found


@pytest.mark.parametrize("kind", ["household", "unit", "clan"])
def test_a_template_says_what_where_and_when_and_names_its_sheets_in_vietnamese(
    world: World, client_for: Any, kind: str
) -> None:
    response, book = _template(client_for(world.commune_officer), kind)
    assert book.sheetnames == ["Dữ liệu", "Hướng dẫn", "Danh mục"][: len(book.sheetnames)]
    assert "Danh mục" not in book.sheetnames or book["Danh mục"].sheet_state == "hidden"
    data = book["Dữ liệu"]
    title = data["A1"].value
    assert title.startswith("Mẫu nhập ") and world.commune.name in title
    assert datetime.date.today().strftime("%d/%m/%Y") in title
    assert [c.value for c in data[2]] == [t for _key, t in COLUMNS[kind]]
    assert data.freeze_panes == "A3"
    assert all((data.column_dimensions[c.column_letter].width or 0) >= 10 for c in data[2])
    assert f'filename="{FILES[kind]}"' in response["Content-Disposition"]


def test_the_household_template_offers_the_choices_the_importer_accepts(
    world: World, client_for: Any
) -> None:
    _response, book = _template(client_for(world.commune_officer), "household")
    offered = _dropdowns(book["Dữ liệu"])
    assert offered["Giới tính"] == ["Nam", "Nữ"]
    assert "Chủ hộ" in offered["Quan hệ với chủ hộ"]
    assert offered["Trình độ học vấn"] == [str(label) for _v, label in Person.Education.choices]
    _response, book = _template(client_for(world.commune_officer), "unit")
    assert _dropdowns(book["Dữ liệu"])["Dạy, học trên môi trường số"] == ["Có", "Không"]


def _fill(content: bytes, rows: list[list[Any]]) -> io.BytesIO:
    """The template as a person fills it: rows typed under the header, saved by a spreadsheet."""
    book = load_workbook(io.BytesIO(content))
    for row in rows:
        book["Dữ liệu"].append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def test_each_template_filled_in_imports_back(world: World, client_for: Any) -> None:
    client = client_for(world.commune_officer)
    filled: dict[str, list[list[Any]]] = {
        "household": [
            ["HO-900", world.hamlet.name, "1 Lê Lợi", "Bùi Hồng Hiền", "Chủ hộ", "Nam", 1975],
            ["HO-900", world.hamlet.name, "1 Lê Lợi", "Bùi Thị Hoa", "Con", "Nữ", "02/03/2005"],
        ],
        "unit": [
            [
                "DV-900",
                "Trường Tiểu học Cái Khế",
                "Trường học, cơ sở giáo dục",
                "Tiểu học",
                "Xã",
                world.commune.name,
                40,
                "Có",
            ]
        ],
        "clan": [["DH-900", "Họ Bùi", world.commune.code, "", "HO-900"]],
    }
    for kind in ["household", "unit", "clan"]:
        response, _book = _template(client, kind)
        done = confirm(
            client, upload(client, _fill(response.content, filled[kind]), world.commune.pk, kind)
        )
        assert done.state == done.State.DONE, done.message
    assert Household.objects.get(code="HO-900").members.count() == 2
    assert Person.objects.get(full_name="Bùi Thị Hoa").birth_date == datetime.date(2005, 3, 2)
    unit = Unit.objects.get(code="DV-900")
    assert (unit.staff_count, unit.digital_learning) == (40, True)
    assert Clan.objects.get(code="DH-900").households.count() == 1


def test_exports_carry_a_title_numbers_as_numbers_and_dates_as_dates(
    world: World, client_for: Any
) -> None:
    person = factories.person(world)
    person.birth_date = datetime.date(1980, 3, 15)
    person.save()
    response = client_for(world.commune_officer).get(reverse("registry:person_export"))
    assert 'filename="danh-sach-cong-dan.xlsx"' in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book["Công dân"]
    assert sheet["A1"].value.startswith("Danh sách công dân")
    assert sheet["A2"].value == "Mã hộ" and sheet.freeze_panes == "A3"
    born = sheet["G3"]
    assert born.value == datetime.datetime(1980, 3, 15) and born.number_format == "dd/mm/yyyy"
    response = client_for(world.commune_officer).get(reverse("registry:household_export"))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)))["Hộ gia đình"]
    members = sheet["E3"]
    assert members.value == 1 and members.number_format == "#,##0"


def test_an_export_is_wide_enough_for_a_household_code_and_the_longest_labels(
    world: World, client_for: Any
) -> None:
    factories.person(world)
    response = client_for(world.commune_officer).get(reverse("registry:person_export"))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)))["Công dân"]
    widths = {
        sheet.cell(2, index).value: sheet.column_dimensions[get_column_letter(index)].width or 0
        for index in range(1, sheet.max_column + 1)
    }
    assert widths["Mã hộ"] >= len("31567-001-0004")  # a commune, hamlet and household code
    assert widths["Nhóm nghề nghiệp"] >= max(map(len, households.OCCUPATION.labels))
    assert widths["Trình độ học vấn"] >= max(map(len, households.EDUCATION.labels))
