"""Registry exports (issue 19): the Rust XLSX writer gives the cells the XlsxWriter path gave,
text never becomes a formula, and the CSV alternative opens back with Vietnamese letters,
formulas defused and the same scoping as the XLSX file."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from xhht.core.sheets import INTEGER, Column, Sheet, write_csv, write_list, write_workbook
from xhht.registry.tests import factories
from xhht.testing.world import World

ROWS: list[list[Any]] = [
    ['=HYPERLINK("http://x.invalid","Bấm")', "Nguyễn Thị Ánh", 3, datetime.date(1980, 3, 15)],
    ["+84 912 345 678", "-1", 1200, "1985"],
    ["@SUM(A1)", "Đỗ Văn Ân", 0, None],
    ["001234567890", "\tTab", 7, datetime.date(2001, 12, 31)],
]
COLUMNS: list[Column | str] = [
    Column("Mã"),
    Column("Họ và tên", 30),
    Column("Số", number_format=INTEGER),
    "Ngày sinh",
]


def _calamine(data: bytes) -> list[list[Any]]:
    rows: list[list[Any]] = (
        CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    )
    return rows


def test_the_rust_writer_gives_the_cells_and_layout_the_xlsxwriter_path_gave(
    tmp_path: Path,
) -> None:
    fast = tmp_path / "fast.xlsx"
    write_list(fast, Sheet("Công dân", COLUMNS, iter(ROWS), title="Danh sách — ngày 01/12/2026"))
    old = io.BytesIO()
    write_workbook(old, [Sheet("Công dân", COLUMNS, ROWS, title="Danh sách — ngày 01/12/2026")])
    assert _calamine(fast.read_bytes()) == _calamine(old.getvalue())
    sheet = load_workbook(fast)["Công dân"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]
    assert str(values[0][0]).startswith("=HYPERLINK") and values[3][0] == "001234567890"
    for row in sheet.iter_rows(min_row=3, max_col=2):  # never a formula, never a number
        assert [cell.data_type for cell in row] == ["s", "s"]
    assert sheet["D3"].value == datetime.datetime(1980, 3, 15)
    assert sheet["D3"].number_format == "dd/mm/yyyy"
    assert sheet["D4"].value == "1985" and sheet["C4"].number_format == INTEGER
    assert sheet.freeze_panes == "A3" and sheet.auto_filter.ref == "A2:D6"
    assert sheet["A2"].value == "Mã" and sheet["A2"].font.b
    fit = sheet.sheet_properties.pageSetUpPr
    assert sheet.page_setup.paperSize == 9 and fit is not None and fit.fitToPage


def test_an_empty_list_still_has_its_title_and_header(tmp_path: Path) -> None:
    target = tmp_path / "empty.xlsx"
    write_list(target, Sheet("Công dân", COLUMNS, iter([]), title="Danh sách"))
    assert _calamine(target.read_bytes())[:2] == [
        ["Danh sách", "", "", ""],
        ["Mã", "Họ và tên", "Số", "Ngày sinh"],
    ]


def test_csv_has_a_bom_vietnamese_letters_and_defused_formulas() -> None:
    out = io.BytesIO()
    write_csv(out, Sheet("Công dân", COLUMNS, ROWS, title="không ghi vào CSV"))
    data = out.getvalue()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows == [
        ["Mã", "Họ và tên", "Số", "Ngày sinh"],
        ['\'=HYPERLINK("http://x.invalid","Bấm")', "Nguyễn Thị Ánh", "3", "15/03/1980"],
        ["'+84 912 345 678", "'-1", "1200", "1985"],
        ["'@SUM(A1)", "Đỗ Văn Ân", "0", ""],
        ["001234567890", "'\tTab", "7", "31/12/2001"],
    ]


pytestmark_db = pytest.mark.django_db


def _csv_rows(client: Any, **params: str) -> list[list[str]]:
    response = client.get(reverse("registry:person_export_csv"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="danh-sach-cong-dan.csv"' in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


@pytestmark_db
def test_the_people_csv_is_scoped_masked_and_audited_like_the_xlsx(
    world: World, client_for: Any
) -> None:
    from xhht.audit.models import AuditEntry

    factories.person(world)
    evil = factories.person(world, cccd="092185005678", name="=cmd|' /C calc'!A0")
    evil.birth_date = datetime.date(1990, 1, 2)
    evil.save()
    header, *body = _csv_rows(client_for(world.commune_officer))
    assert header[0] == "Mã hộ" and len(header) == 12
    by_cccd = {row[10]: row for row in body}
    assert by_cccd["092185001234"][3:7] == ["Nguyễn Văn An", "Chủ hộ", "Nam", "1980"]
    assert by_cccd["092185005678"][3] == "'=cmd|' /C calc'!A0"
    assert by_cccd["092185005678"][6] == "02/01/1990"
    reviewer = {row[3]: row[10] for row in _csv_rows(client_for(world.reviewer))[1:]}
    assert reviewer["Nguyễn Văn An"] == "*********234"
    assert _csv_rows(client_for(world.other_officer)) == [header]  # another commune: no row
    entry = AuditEntry.objects.filter(step="export-person", actor=world.commune_officer).get()
    assert entry.after == {"rows": 2, "filters": {}, "format": "csv"}


@pytestmark_db
def test_a_long_csv_export_runs_as_a_job_and_offers_a_csv_download(
    world: World, client_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from xhht.jobs.models import Job
    from xhht.registry import exports

    for i in range(3):
        factories.person(world, cccd=f"09218500{i:04d}", name=f"Người Số {i}")
    monkeypatch.setattr(exports, "INLINE_ROWS", 2)
    client = client_for(world.commune_officer)
    response = client.get(reverse("registry:person_export_csv"), {"q": "nguoi so"})
    job = Job.objects.get(function=exports.EXPORT_FUNCTION)
    assert job.arguments["fmt"] == "csv" and job.total == 3
    page = client.get(response["Location"]).content.decode()
    assert "Đã xuất 3 dòng." in page and "Tải tệp CSV" in page
    download = client.get(reverse("registry:export_download", args=[job.pk]))
    text = b"".join(download.streaming_content).decode("utf-8-sig")
    assert sorted(row[3] for row in list(csv.reader(io.StringIO(text)))[1:]) == [
        "Người Số 0", "Người Số 1", "Người Số 2",
    ]  # fmt: skip
    assert client.get(reverse("registry:person_list")).content.decode().count("export.csv") == 1


@pytestmark_db
def test_rows_come_in_chunks_in_list_order_with_no_cursor_left_open(world: World) -> None:
    from xhht.registry.exports import export_rows, in_chunks
    from xhht.registry.models import Person

    for i in range(5):
        factories.person(world, cccd=f"09218500{i:04d}", name=f"Người Số {5 - i}")
    rows = export_rows("person", {}, world.coordinator)
    chunks = []
    for chunk in in_chunks(rows.values_list("full_name", "id"), size=2):
        chunks.append([name for name, _pk in chunk])
        Person.objects.filter(pk=chunk[0][1]).update(phone="0900")  # a write between chunks
    assert [len(c) for c in chunks] == [2, 2, 1]
    flat = [name for chunk in chunks for name in chunk]
    assert flat == list(rows.values_list("full_name", flat=True))


@pytestmark_db
def test_a_number_no_key_reads_is_masked_and_marked_while_the_others_are_decrypted(
    world: World, client_for: Any
) -> None:
    from xhht.registry.models import Person

    factories.person(world)
    broken = factories.person(world, cccd="092185005678", name="Lê Thị Cúc")
    Person.objects.filter(pk=broken.pk).update(national_id_encrypted="gAAAAAbroken")
    by_name = {row[3]: row[10] for row in _csv_rows(client_for(world.commune_officer))[1:]}
    assert by_name == {
        "Nguyễn Văn An": "092185001234",
        "Lê Thị Cúc": "*********678 (không giải mã được)",
    }
