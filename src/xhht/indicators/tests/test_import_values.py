from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from xhht.audit.models import AuditEntry
from xhht.indicators.actions import record_value
from xhht.indicators.imports import ENTERED_COLUMNS, import_values
from xhht.indicators.models import EnteredValue, Indicator, RollupCount
from xhht.testing.world import World

HEADERS = [title for _key, title in ENTERED_COLUMNS]


def xlsx(rows: list[list[Any]], headers: list[str] = HEADERS) -> BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def upload(rows: list[list[Any]]) -> SimpleUploadedFile:
    return SimpleUploadedFile("so-lieu.xlsx", xlsx(rows).getvalue())


def kept(code: str, place_id: int | None, year: int = 2024) -> tuple[int, int]:
    rows = RollupCount.objects.filter(indicator=code, year=year)
    row = rows.get(place__isnull=True) if place_id is None else rows.get(place_id=place_id)
    return row.numerator, row.denominator


GOOD = [
    ["31135", 2024, "khuyenhoc_trained", 45, 50, None, "Điều tra 2024"],
    ["31120", 2024, "khuyenhoc_trained", 30, 40, None, ""],
    ["31135", 2024, "citizen_staff", None, None, "55,55", "Ước tính"],
    [31120, "2024", "learning_town", 1, 1, None, None],
]


def test_a_good_sheet_is_saved_like_the_form_and_counts_add_up(world: World) -> None:
    result = import_values(user=world.coordinator, upload=xlsx(GOOD), at=world.province)
    assert result.ok, [str(p) for p in result.problems]
    assert (result.created, result.updated, result.unchanged) == (4, 0, 0)
    value = EnteredValue.objects.get(place=world.commune, indicator__code="khuyenhoc_trained")
    assert (value.numerator, value.denominator, value.source_note) == (45, 50, "Điều tra 2024")
    assert value.recorded_by == world.coordinator and value.recorded_at is not None
    percent = EnteredValue.objects.get(place=world.commune, indicator__code="citizen_staff")
    assert percent.percent == Decimal("55.55") and percent.numerator is None
    assert kept("khuyenhoc_trained", world.province.pk) == (75, 90)
    assert kept("khuyenhoc_trained", None) == (75, 90)
    assert AuditEntry.objects.filter(step="import_entered_values").count() == 1


def test_importing_the_same_file_again_changes_nothing(world: World) -> None:
    assert import_values(user=world.coordinator, upload=xlsx(GOOD), at=world.province).ok
    audit_before = AuditEntry.objects.count()
    stamps = dict(EnteredValue.objects.values_list("pk", "recorded_at"))
    again = import_values(user=world.coordinator, upload=xlsx(GOOD), at=world.province)
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert AuditEntry.objects.count() == audit_before
    assert dict(EnteredValue.objects.values_list("pk", "recorded_at")) == stamps
    assert kept("khuyenhoc_trained", world.province.pk) == (75, 90)


def test_a_changed_row_replaces_the_value_and_moves_the_kept_counts(world: World) -> None:
    assert import_values(user=world.coordinator, upload=xlsx(GOOD), at=world.province).ok
    changed: list[list[Any]] = [["31135", 2024, "khuyenhoc_trained", 48, 50, None, "Điều tra 2024"]]
    changed += GOOD[1:]
    result = import_values(user=world.coordinator, upload=xlsx(changed), at=world.province)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 3)
    assert kept("khuyenhoc_trained", world.province.pk) == (78, 90)


def test_every_bad_row_is_reported_with_its_number_and_nothing_is_saved(world: World) -> None:
    rows = [
        ["31135", 2024, "khuyenhoc_trained", 45, 50, None, ""],  # 2: good
        ["99999", 2024, "khuyenhoc_trained", 1, 2, None, ""],  # 3: unknown place
        ["00070", 2024, "khuyenhoc_trained", 1, 2, None, ""],  # 4: another province
        ["31135", 2024, "khong_co", 1, 2, None, ""],  # 5: unknown indicator
        ["31135", 2024, "family", 1, 2, None, ""],  # 6: computed
        ["31135", "năm nay", "tech_trained", 1, 2, None, ""],  # 7: year not a number
        ["31135", 2024, "citizen_staff", None, None, 120, ""],  # 8: percent above 100
        ["31135", 2024, "tech_trained", 7, 5, None, ""],  # 9: numerator above denominator
        ["31135", 2024, "university_plus", -1, 5, None, ""],  # 10: negative
        ["31135", 2024, "khuyenhoc_trained", 40, 50, None, ""],  # 11: same as row 2
        ["92", 2024, "khuyenhoc_trained", 80, 100, None, ""],  # 12: counted at two levels (row 2)
    ]
    result = import_values(user=world.coordinator, upload=xlsx(rows), at=world.province)
    assert not result.ok
    by_row = {p.row: p.message for p in result.problems}
    assert sorted(by_row) == list(range(3, 13))
    assert "99999" in by_row[3] and "không có trong danh mục" in by_row[3]
    assert "phạm vi quản lý" in by_row[4]
    assert "khong_co" in by_row[5]
    assert "tính tự động" in by_row[6]
    assert "không phải là số" in by_row[7]
    assert "0 đến 100" in by_row[8]
    assert "không được lớn hơn" in by_row[9]
    assert "không được âm" in by_row[10]
    assert "dòng 2" in by_row[11]
    assert "một cấp" in by_row[12]
    assert str(result.problems[0]).startswith("Dòng 3:")
    assert not EnteredValue.objects.exists()
    assert not RollupCount.objects.filter(indicator="khuyenhoc_trained").exists()


def test_counts_already_entered_at_another_level_refuse_the_whole_file(world: World) -> None:
    indicator = Indicator.objects.get(code="khuyenhoc_trained")
    record_value(
        user=world.coordinator,
        indicator=indicator,
        place=world.province,
        year=2024,
        numerator=10,
        denominator=20,
    )
    rows = [
        ["31120", 2024, "tech_trained", 3, 4, None, ""],
        ["31135", 2024, "khuyenhoc_trained", 45, 50, None, ""],
    ]
    result = import_values(user=world.coordinator, upload=xlsx(rows), at=world.province)
    assert [p.row for p in result.problems] == [3]
    assert "một cấp" in result.problems[0].message
    assert EnteredValue.objects.count() == 1
    assert not RollupCount.objects.filter(indicator="tech_trained").exists()


def test_a_commune_officer_may_import_only_their_own_commune(world: World) -> None:
    rows = [
        ["31135", 2024, "khuyenhoc_trained", 45, 50, None, ""],
        ["31120", 2024, "khuyenhoc_trained", 30, 40, None, ""],
    ]
    result = import_values(user=world.commune_officer, upload=xlsx(rows), at=world.commune)
    assert [p.row for p in result.problems] == [3]
    assert not EnteredValue.objects.exists()


def test_a_file_that_is_not_xlsx_or_lacks_columns_is_refused(world: World) -> None:
    text = import_values(user=world.coordinator, upload=BytesIO(b"ma,nam\n1,2"))
    assert "XLSX" in text.file_error
    missing = import_values(user=world.coordinator, upload=xlsx([["31135"]], ["Mã địa bàn"]))
    assert "Thiếu cột" in missing.file_error and "Mã chỉ tiêu" in missing.file_error


def test_the_page_imports_and_shows_row_problems(world: World, client_for: Any) -> None:
    client = client_for(world.commune_officer)
    url = reverse("progress:import", args=[world.commune.pk])
    bad = client.post(
        url, {"file": upload([["31135", 2024, "khuyenhoc_trained", 60, 50, None, ""]])}
    )
    assert bad.status_code == 400
    assert "Dòng 2:" in bad.content.decode() and not EnteredValue.objects.exists()
    good = client.post(
        url, {"file": upload([["31135", 2024, "khuyenhoc_trained", 45, 50, None, ""]])}
    )
    assert good.status_code == 302
    assert EnteredValue.objects.get().recorded_by == world.commune_officer


def test_the_template_has_the_columns_the_importer_reads(world: World, client_for: Any) -> None:
    response = client_for(world.commune_officer).get(
        reverse("progress:template", args=[world.commune.pk])
    )
    assert response.status_code == 200
    workbook = load_workbook(BytesIO(response.content))
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert str(rows[0][0]).startswith("Mẫu nhập số liệu chỉ tiêu — ")  # what, where, when
    assert list(rows[1]) == HEADERS and rows[2][0] == "31135"
    assert workbook.sheetnames == ["Số liệu", "Chỉ tiêu", "Địa bàn", "Danh mục"]
    codes = [r[0] for r in workbook.worksheets[1].iter_rows(min_row=2, values_only=True)]
    assert "khuyenhoc_trained" in codes and "family" not in codes
    result = import_values(user=world.commune_officer, upload=BytesIO(response.content))
    assert result.ok, [str(p) for p in result.problems]
