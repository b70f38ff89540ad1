"""Importing a list of resources: real workbooks and CSV files built here and sent through the
pages; a bad row anywhere writes nothing and is named in Vietnamese; hostile files are refused
before they are read; the template reads back as an importable file."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from xhht.audit.models import AuditEntry
from xhht.centres.models import Centre
from xhht.centres.tests import factories as centre_factories
from xhht.core.sheets import SheetImportResult
from xhht.core.tests import hostile
from xhht.resources import imports
from xhht.resources.models import Resource
from xhht.testing.world import World

HEADER = [title for _key, title in imports.COLUMNS]
GOOD = [
    "Kỹ năng số: dịch vụ công trực tuyến",
    "Video",
    "CC BY-SA",
    "https://example.org/dvc",
    "Nộp hồ sơ trên Cổng dịch vụ công.",
    "Kỹ năng số; law",
    "Người lớn",
    "Cơ bản",
    "vi",
    "Trần Văn B",
    "",
]


def xlsx(*rows: list[Any], title: bool = True) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    if title:
        sheet.append(["Danh sách học liệu của trung tâm"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("hoc-lieu.xlsx", buffer.getvalue())


def csv_file(text: str, encoding: str = "utf-8-sig") -> SimpleUploadedFile:
    return SimpleUploadedFile("hoc-lieu.csv", text.encode(encoding), content_type="text/csv")


@pytest.fixture
def centre(world: World) -> Centre:
    return centre_factories.centre(world)


@pytest.fixture
def officer(world: World, client_for: Any) -> Client:
    client: Client = client_for(world.commune_officer)
    return client


def _upload(client: Client, centre: Centre, upload: SimpleUploadedFile, **extra: Any) -> Any:
    data = {"contributor": f"centre-{centre.pk}", "file": upload, **extra}
    return client.post(reverse("resources:import_upload"), data)


def test_a_workbook_is_checked_previewed_then_created_as_drafts(
    world: World, centre: Centre, officer: Client
) -> None:
    second = [*GOOD]
    second[0], second[1], second[2], second[5] = (
        "Sổ tay pháp luật",
        "Sách",
        "cc0",
        "pho bien, giao duc phap luat",
    )
    preview = _upload(officer, centre, xlsx(GOOD, second))
    assert preview.status_code == 200
    html = preview.content.decode()
    assert 'data-testid="import-preview"' in html and "Sổ tay pháp luật" in html
    assert Resource.objects.count() == 0  # nothing before the confirmation
    key = preview.context["key"]
    done = officer.post(reverse("resources:import_upload"), {"confirm": key})
    assert done.status_code == 302 and done["Location"] == reverse("resources:mine")
    made = {r.title: r for r in Resource.objects.prefetch_related("topics")}
    assert set(made) == {GOOD[0], "Sổ tay pháp luật"}
    first = made[GOOD[0]]
    assert (first.state, first.kind, first.licence) == ("draft", "video", "cc_by_sa")
    assert first.centre == centre and first.created_by == world.commune_officer
    assert {t.code for t in first.topics.all()} == {"digital_skills", "law"}
    assert made["Sổ tay pháp luật"].licence == "cc0"
    assert AuditEntry.objects.filter(object_id__in=[str(r.pk) for r in made.values()]).exists()
    again = officer.post(reverse("resources:import_upload"), {"confirm": key})
    assert again.status_code == 302 and Resource.objects.count() == 2  # the preview is used up


def test_submitted_at_once_when_asked(world: World, centre: Centre, officer: Client) -> None:
    preview = _upload(officer, centre, xlsx(GOOD), submit="on")
    officer.post(reverse("resources:import_upload"), {"confirm": preview.context["key"]})
    assert list(Resource.objects.values_list("state", flat=True)) == ["submitted"]


def test_one_bad_row_writes_nothing_and_each_is_named(
    world: World, centre: Centre, officer: Client
) -> None:
    no_title = ["", *GOOD[1:]]
    bad_kind = [GOOD[0], "Phim truyện", *GOOD[2:]]
    bad_url = [*GOOD[:3], "ftp://example.org/x", *GOOD[4:]]
    bad_topic = [*GOOD[:5], "Nấu ăn", *GOOD[6:]]
    response = _upload(officer, centre, xlsx(GOOD, no_title, bad_kind, bad_url, bad_topic))
    assert response.status_code == 400
    problems = [str(p) for p in response.context["checked"].result.problems]
    assert problems == [
        "Dòng 4: thiếu tên học liệu.",
        "Dòng 5: “Loại học liệu” không hợp lệ: “Phim truyện”; chọn một trong: "
        + "; ".join(str(label) for _value, label in Resource.Kind.choices)
        + ".",
        "Dòng 6: đường dẫn phải bắt đầu bằng http:// hoặc https://.",
        "Dòng 7: không có chủ đề “Nấu ăn” trong danh mục; ghi tên chủ đề như trong danh mục, cách nhau bằng dấu chấm phẩy.",
    ]
    assert Resource.objects.count() == 0
    assert "xhht_resources_import" not in officer.session


def test_a_csv_file_with_semicolons_imports_like_a_workbook(
    centre: Centre, officer: Client
) -> None:
    lines = [";".join(HEADER), ";".join(f'"{cell}"' for cell in GOOD)]
    preview = _upload(officer, centre, csv_file("\r\n".join(lines)))
    assert preview.status_code == 200, preview.context["checked"].result.problems
    officer.post(reverse("resources:import_upload"), {"confirm": preview.context["key"]})
    assert Resource.objects.get().title == GOOD[0]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (csv_file("Tên,Cà phê\nà,é", "cp1258"), "UTF-8"),
        (SimpleUploadedFile("x.xlsx", b"%PDF-1.4\x00\x01"), "không phải bảng tính"),
        (SimpleUploadedFile("x.xlsx", hostile.far_cell_xlsx(tuple(HEADER[:4]))), "cột XFD"),
        (csv_file("Tên học liệu,Loại học liệu\n" + '"' + "a" * 40_000 + '",Video'), "ô quá dài"),
        (csv_file("Tên học liệu;Ghi chú\nA;b"), "Thiếu cột"),
        (csv_file(";".join(HEADER)), "không có dòng dữ liệu"),
    ],
)
def test_hostile_or_wrong_files_are_refused_with_a_message(
    centre: Centre, officer: Client, upload: SimpleUploadedFile, message: str
) -> None:
    response = _upload(officer, centre, upload)
    assert response.status_code == 400
    assert message in response.context["checked"].result.file_error
    assert Resource.objects.count() == 0


def test_more_rows_than_allowed_are_refused_before_checking(
    centre: Centre, officer: Client
) -> None:
    rows = [[f"Bài {n}", *GOOD[1:]] for n in range(imports.MAX_ROWS + 1)]
    response = _upload(officer, centre, xlsx(*rows))
    assert response.status_code == 400
    assert "tối đa 500 dòng" in response.context["checked"].result.file_error
    huge = csv_file("\n".join([",".join(HEADER)] + ["a,b,c,d"] * 600))
    response = _upload(officer, centre, huge)
    assert "Tệp có hơn" in response.context["checked"].result.file_error


def test_a_large_file_is_refused_by_its_size_before_it_is_read(
    centre: Centre, officer: Client
) -> None:
    big = SimpleUploadedFile("x.csv", b"a" * (imports.MAX_BYTES + 1))
    response = _upload(officer, centre, big)
    assert "Tệp quá lớn" in response.context["checked"].result.file_error


def test_the_template_reads_back_as_an_importable_file(
    world: World, centre: Centre, officer: Client
) -> None:
    response = officer.get(reverse("resources:import_template"))
    assert response.status_code == 200
    content = response.content
    result = SheetImportResult()
    rows = imports.read_rows(io.BytesIO(content), result)
    assert result.ok and len(rows) == 1
    checked = imports.check_rows(rows, place=centre.place)
    assert checked.ok, checked.result.problems
    assert checked.rows[0].fields.topics[0].code == "digital_skills"


def test_a_contributor_of_another_scope_cannot_be_chosen(world: World, client_for: Any) -> None:
    far = centre_factories.centre(world, code="TT-HN", place=world.far_commune, name="Hoàn Kiếm")
    client: Client = client_for(world.commune_officer)
    response = _upload(client, far, xlsx(GOOD))
    assert response.status_code == 200 and "contributor" in response.context["form"].errors
    assert Resource.objects.count() == 0
