"""A school's list (XLSX) into the current school year: real workbooks built here and read back,
matched by name and birth date inside the commune only, previewed, written all or nothing
(unless the officer skips the unmatched rows), hostile files refused before any row is read."""

from __future__ import annotations

import datetime
import io
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from xhht.audit.models import AuditEntry
from xhht.audit.wording import step_label
from xhht.core.sheets import Sheet, workbook_bytes
from xhht.core.tests.hostile import far_cell_xlsx, inline, xlsx
from xhht.pcgd import engine, kept, school_import
from xhht.pcgd.models import Cohort, SchoolingRecord, current_school_year, school_year_label
from xhht.registry.models import Household, Person
from xhht.testing.world import World

YEAR = current_school_year()
LABEL = school_year_label(YEAR).replace("–", "-")
HEADERS = [title for _key, title in school_import.COLUMNS]


def _workbook(rows: list[list[Any]], headers: list[str] = HEADERS) -> bytes:
    return workbook_bytes(
        [Sheet("Học sinh", headers, rows, title="Danh sách học sinh — Trường Tiểu học An Bình")]
    )


def _row(
    name: str, birth: Any, grade: Any = "5A", status: str = "Đang học", **more: Any
) -> list[Any]:
    school = more.get("school", "Trường Tiểu học An Bình")
    year = more.get("year", LABEL)
    return [
        name,
        birth,
        more.get("sex", ""),
        grade,
        school,
        year,
        status,
        more.get("household", ""),
        more.get("hamlet", ""),
    ]


def _person(
    household: Household, name: str, born: datetime.date | None, year: int | None = None
) -> Person:
    return Person.objects.create(
        full_name=name,
        sex=Person.Sex.FEMALE,
        birth_date=born,
        birth_year=year or (born.year if born else 2000),
        place=household.place,
        household=household,
    )


@pytest.fixture
def pupils(world: World) -> dict[str, Person]:
    home = Household.objects.create(code="KV1-021", place=world.hamlet, head_name="Phạm Văn Ba")
    away = Household.objects.create(code="CK-001", place=world.other_hamlet, head_name="Hộ Cái Khế")
    return {
        "mai": _person(home, "Phạm Thị Mai", datetime.date(YEAR - 10, 3, 15)),
        "lan": _person(home, "Phạm Thị Lan", None, YEAR - 14),  # the registry has only the year
        "elsewhere": _person(away, "Võ Thị Hồng", datetime.date(YEAR - 9, 1, 2)),
    }


def _upload(client: Client, world: World, content: bytes) -> Any:
    return client.post(
        reverse("pcgd:import_school"),
        {"commune": world.commune.pk, "file": SimpleUploadedFile("ds.xlsx", content)},
    )


def _confirm(client: Client, skip: bool = False) -> Any:
    return client.post(reverse("pcgd:import_confirm"), {"skip_unmatched": "1"} if skip else {})


def test_a_school_list_is_previewed_then_written_on_confirmation(
    world: World, client_for: Any, pupils: dict[str, Person]
) -> None:
    client = client_for(world.commune_officer)
    content = _workbook(
        [
            _row("Phạm Thị Mai", datetime.datetime(YEAR - 10, 3, 15), "5A", "Hoàn thành"),
            _row(
                "pham thi lan", f"02/09/{YEAR - 14}", "9B", "Đang học", school="Trường THCS An Bình"
            ),
        ]
    )

    preview = _upload(client, world, content)

    assert preview.status_code == 200
    body = preview.content.decode()
    assert "2 người sẽ có phiếu năm học này" in body
    assert 'data-testid="import-confirm"' in body
    assert not SchoolingRecord.objects.exists()  # nothing before the confirmation

    done = _confirm(client)

    assert done.status_code == 302
    mai = SchoolingRecord.objects.get(person=pupils["mai"], school_year=YEAR)
    assert (mai.status, mai.level, mai.grade) == ("enrolled", "primary", 5)
    assert mai.primary_completed_year == YEAR + 1  # "Hoàn thành" grade 5: primary completed
    assert mai.school_name == "Trường Tiểu học An Bình"
    lan = SchoolingRecord.objects.get(person=pupils["lan"])
    assert (lan.level, lan.grade, lan.lower_secondary_diploma_year) == ("lower_secondary", 9, None)
    step = AuditEntry.objects.get(actor=world.commune_officer, step="import_school_list")
    assert step.place == world.commune
    assert step.after is not None and step.after["created"] == 2
    assert step_label(step.step) == "Nhập danh sách học sinh của trường"
    # The kept figures followed (recounted once, at the end of the import).
    figures = kept.read(world.commune, YEAR)
    assert figures is not None
    computed = engine.compute([world.commune], YEAR)[world.commune.pk].figures
    assert figures.figures[Cohort.SURVEYED] == computed[Cohort.SURVEYED]
    assert figures.figures[Cohort.SURVEYED].numerator == 2
    # The same file again changes nothing.
    again = _upload(client, world, content).content.decode()
    assert "2 người không đổi" in again


def test_a_row_naming_someone_of_another_commune_reads_not_found_and_stops_the_import(
    world: World, client_for: Any, pupils: dict[str, Person]
) -> None:
    client = client_for(world.commune_officer)
    content = _workbook(
        [
            _row("Phạm Thị Mai", f"15/03/{YEAR - 10}"),
            _row("Võ Thị Hồng", f"02/01/{YEAR - 9}", "4", household="CK-001"),
        ]
    )

    body = _upload(client, world, content).content.decode()

    assert "Dòng 4: không tìm thấy trong xã." in body
    assert "Cái Khế" not in body and "CK-001" not in body
    refused = _confirm(client)
    assert refused.status_code == 200
    assert not SchoolingRecord.objects.exists()  # unmatched rows block unless skipped

    _confirm(client, skip=True)

    assert list(SchoolingRecord.objects.values_list("person__full_name", flat=True)) == [
        "Phạm Thị Mai"
    ]


def test_a_wrong_row_blocks_everything_with_a_message_per_row(
    world: World, client_for: Any, pupils: dict[str, Person]
) -> None:
    client = client_for(world.commune_officer)
    content = _workbook(
        [
            _row("Phạm Thị Mai", f"15/03/{YEAR - 10}", "lớp mười lăm"),
            _row("Phạm Thị Lan", str(YEAR - 14), "8", "Nghỉ hè"),
            _row("Phạm Thị Lan", str(YEAR - 14), "8", year=f"{YEAR - 1}-{YEAR}"),
            _row("", f"01/01/{YEAR + 2}", "8"),
        ]
    )

    body = _upload(client, world, content).content.decode()

    assert "Dòng 3: lớp không đọc được" in body
    assert "Dòng 4: tình trạng phải là một trong: Đang học; Hoàn thành; Bỏ học; Chuyển đi." in body
    assert f"Dòng 5: danh sách của năm học {YEAR - 1}–{YEAR}" in body
    assert "Dòng 6: thiếu họ và tên." in body and "Dòng 6: ngày sinh ở tương lai." in body
    assert 'data-testid="import-confirm"' not in body
    _confirm(client, skip=True)
    assert not SchoolingRecord.objects.exists()


def test_namesakes_are_ambiguous_until_the_household_code_tells_them_apart(
    world: World, client_for: Any, pupils: dict[str, Person]
) -> None:
    other = Household.objects.create(code="KV1-099", place=world.hamlet, head_name="Phạm Văn Tư")
    twin = _person(other, "Phạm Thị Lan", None, YEAR - 14)
    client = client_for(world.commune_officer)

    body = _upload(client, world, _workbook([_row("Phạm Thị Lan", str(YEAR - 14), "9")]))
    assert "Dòng 3: trùng với 2 người trong xã" in body.content.decode()

    _upload(
        client, world, _workbook([_row("Phạm Thị Lan", str(YEAR - 14), "9", household="KV1-099")])
    )
    _confirm(client)
    assert SchoolingRecord.objects.get().person == twin


def test_a_file_that_is_not_a_workbook_is_refused_and_nothing_is_kept(
    world: World, client_for: Any
) -> None:
    client = client_for(world.commune_officer)
    response = client.post(
        reverse("pcgd:import_school"),
        {"commune": world.commune.pk, "file": SimpleUploadedFile("ds.xlsx", b"not a workbook")},
    )
    assert response.status_code == 400
    assert "Tệp không phải bảng tính XLSX" in response.content.decode()
    assert school_import_session(client) is None


def test_a_workbook_declaring_a_cell_at_xfd1048576_is_refused_with_a_message(
    world: World, client_for: Any, pupils: dict[str, Person]
) -> None:
    client = client_for(world.commune_officer)
    response = _upload(client, world, far_cell_xlsx(tuple(HEADERS)))
    assert response.status_code == 400
    assert "Bảng tính có ô ở cột XFD, dòng 1.048.576" in response.content.decode()
    assert school_import_session(client) is None
    assert not SchoolingRecord.objects.exists()


def test_a_workbook_declaring_its_data_up_to_xfd1048576_is_refused_before_reading(
    world: World, client_for: Any
) -> None:
    header = "".join(inline(f"{chr(ord('A') + i)}1", t) for i, t in enumerate(HEADERS))
    declared = xlsx(f'<row r="1">{header}</row>', dimension="A1:XFD1048576")
    client = client_for(world.commune_officer)

    response = _upload(client, world, declared)

    assert response.status_code == 400
    assert "khai báo vùng dữ liệu đến cột XFD, dòng 1.048.576" in response.content.decode()
    assert school_import_session(client) is None


@override_settings(XHHT_MAX_SHEET_ROWS=3)
def test_a_list_longer_than_the_row_limit_is_refused_with_the_limit(
    world: World, client_for: Any, pupils: dict[str, Person]
) -> None:
    rows = [_row(f"Học sinh {n}", "2016", "4") for n in range(5)]
    response = _upload(client_for(world.commune_officer), world, _workbook(rows))
    assert response.status_code == 400
    assert "vượt giới hạn" in response.content.decode()
    assert not SchoolingRecord.objects.exists()


def school_import_session(client: Client) -> Any:
    return client.session.get("pcgd_school_import")


def test_the_template_opens_with_its_columns_and_uploaded_empty_says_so(
    world: World, client_for: Any
) -> None:
    client = client_for(world.commune_officer)
    response = client.get(reverse("pcgd:import_template"))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    header = [c.value for c in sheet[2]]
    assert header[: len(HEADERS)] == HEADERS
    back = _upload(client, world, response.content)
    assert "Bảng tính không có dòng dữ liệu nào." in back.content.decode()


def test_a_long_list_is_checked_in_a_fixed_number_of_queries(
    world: World, client_for: Any, pupils: dict[str, Person], django_assert_max_num_queries: Any
) -> None:
    home = Household.objects.create(code="KV1-500", place=world.hamlet, head_name="Hộ đông con")
    rows = []
    for n in range(150):
        _person(home, f"Đỗ Văn Số {n}", datetime.date(YEAR - 8, 1, 1 + n % 28))
        rows.append(_row(f"Đỗ Văn Số {n}", f"{1 + n % 28:02}/01/{YEAR - 8}", "3"))
    client = client_for(world.commune_officer)
    with django_assert_max_num_queries(25):
        body = _upload(client, world, _workbook(rows)).content.decode()
    assert "150 người sẽ có phiếu năm học này" in body


def test_an_officer_of_another_commune_cannot_import_into_this_one(
    world: World, client_for: Any, pupils: dict[str, Person]
) -> None:
    response = _upload(
        client_for(world.other_officer), world, _workbook([_row("Phạm Thị Mai", "2016")])
    )
    assert response.status_code == 400
    assert school_import_session(client_for(world.other_officer)) is None
    assert not SchoolingRecord.objects.exists()
