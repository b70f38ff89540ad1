"""Importing a member list from XLSX: a real workbook built here and uploaded; one bad row and
nothing is written, each problem named by its row; a good file is previewed, then written whole,
people of the registry linked by household, name and birth year."""

from __future__ import annotations

import datetime
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from xhht.association.models import Member
from xhht.association.tests import factories
from xhht.audit.models import AuditEntry
from xhht.testing.clients import ClientFor
from xhht.testing.world import World

HEADER = ["Họ và tên", "Năm sinh", "Mã hộ", "Chức danh", "Ngày vào hội"]


def _upload(rows: list[list[object]]) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    data = BytesIO()
    book.save(data)
    return SimpleUploadedFile("hoi-vien.xlsx", data.getvalue())


def test_one_bad_row_writes_nothing_and_names_each_problem(
    world: World, client_for: ClientFor
) -> None:
    chapter = world.once("chapter", factories.chapter)
    factories.registry_person(world)
    client = client_for(world.association_officer)
    url = reverse("association:member_import", args=[chapter.pk])
    upload = _upload(
        [
            ["Nguyễn Văn An", 1980, "KV1-001", "Chi hội trưởng", datetime.date(2024, 1, 5)],
            ["Lê Văn Không Có", 1990, "KV1-001", "", "05/01/2024"],
            ["Phạm Thị Mai", 1970, "", "Thủ quỹ", "05/01/2024"],
            ["", 1970, "", "", "05/01/2024"],
        ]
    )
    response = client.post(url, {"file": upload})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Dòng 3: không tìm thấy đúng một người tên “Lê Văn Không Có”" in page
    assert "Dòng 4: chức danh “Thủ quỹ” không có trong danh mục." in page
    assert "Dòng 5: thiếu họ và tên." in page
    assert not Member.objects.exists()


def test_a_good_file_is_previewed_then_written_whole(world: World, client_for: ClientFor) -> None:
    chapter = world.once("chapter", factories.chapter)
    person = factories.registry_person(world)
    client = client_for(world.association_officer)
    url = reverse("association:member_import", args=[chapter.pk])
    upload = _upload(
        [
            ["nguyen van an", 1980, "KV1-001", "Chi hội trưởng", datetime.date(2024, 1, 5)],
            ["Phạm Thị Mai", 1970, "", "", "05/01/2024"],
        ]
    )
    preview = client.post(url, {"file": upload})
    assert preview.status_code == 200
    assert 'data-testid="preview"' in preview.content.decode()
    assert not Member.objects.exists()  # the preview writes nothing
    key = client.session["xhht_association_import"]["key"]
    assert client.post(url, {"confirm": key}).status_code == 302
    members = {m.full_name: m for m in Member.objects.all()}
    assert members["Nguyễn Văn An"].person == person
    assert members["Nguyễn Văn An"].role == Member.Role.CHAPTER_HEAD
    assert members["Phạm Thị Mai"].person is None
    assert members["Phạm Thị Mai"].joined_on == datetime.date(2024, 1, 5)
    assert AuditEntry.objects.filter(step="import_members").count() == 1
    again = client.post(url, {"confirm": key})  # the preview is spent
    assert again.status_code == 302
    assert Member.objects.count() == 2


def test_the_template_opens_with_the_columns_the_import_reads(
    world: World, client_for: ClientFor
) -> None:
    response = client_for(world.association_officer).get(reverse("association:member_template"))
    book = load_workbook(BytesIO(response.content), read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert list(rows[1][:5]) == HEADER
