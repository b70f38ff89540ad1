"""Importing a year's classes from one workbook of two sheets: real XLSX files built here and
uploaded through the page (the job runs inline in tests); all or nothing, a message per row."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xhht.audit.models import AuditEntry
from xhht.centres.class_import import CLASS_COLUMNS, PARTICIPANT_COLUMNS
from xhht.centres.models import LearningClass, LearningEntry, Participation
from xhht.centres.tests import factories
from xhht.core.sheets import Sheet, workbook_bytes
from xhht.core.tests.hostile import far_cell_xlsx
from xhht.indicators.models import LIVE_YEAR, RollupCount
from xhht.jobs.models import Job
from xhht.registry.models import Household, Person
from xhht.testing.world import World

CLASS_HEADERS = [title for _key, title in CLASS_COLUMNS]
PERSON_HEADERS = [title for _key, title in PARTICIPANT_COLUMNS]


def _class_row(code: str, **changes: Any) -> list[Any]:
    values = {
        "code": code,
        "topic": "Kỹ năng số",
        "title": f"Lớp {code}",
        "centre": "TT-31135",
        "place": "",
        "start": "02/03/2026",
        "end": "30/03/2026",
        "hours": 12,
        "status": "Đã kết thúc",
        "organiser": "Sở Giáo dục và Đào tạo",
        "partners": "Sở Văn hóa, Thể thao và Du lịch",
        "teachers": "Trần Văn Bảy",
    } | changes
    return [values[key] for key, _title in CLASS_COLUMNS]


def _person_row(code: str, name: str, year: Any = 1980, **changes: Any) -> list[Any]:
    values = {
        "class_code": code,
        "household": "KV1-001",
        "full_name": name,
        "birth_year": year,
        "completed": "Có",
        "certificate": "Có",
        "result": "Đạt",
    } | changes
    return [values[key] for key, _title in PARTICIPANT_COLUMNS]


def _workbook(classes: list[list[Any]], people: list[list[Any]]) -> bytes:
    return workbook_bytes(
        [
            Sheet("Lớp học", CLASS_HEADERS, classes, title="Lớp học năm 2026 — Phường Ninh Kiều"),
            Sheet("Người học", PERSON_HEADERS, people, title="Người học"),
        ]
    )


@pytest.fixture
def registry(world: World) -> dict[str, Person]:
    factories.centre(world)
    home = Household.objects.create(code="KV1-001", place=world.hamlet, head_name="Nguyễn Văn An")
    elsewhere = Household.objects.create(code="CK-001", place=world.other_hamlet, head_name="Lê")
    people = {}
    for name, house in (
        ("Nguyễn Văn An", home),
        ("Trần Thị Bình", home),
        ("Lê Văn Cường", elsewhere),
    ):
        people[name] = Person.objects.create(
            full_name=name, sex="M", birth_year=1980, place=house.place, household=house
        )
    return people


def _upload(client: Any, world: World, content: bytes) -> Job:
    response = client.post(
        reverse("centres:class_import"),
        {
            "place": world.commune.pk,
            "file": SimpleUploadedFile("lop.xlsx", content),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Job.objects.latest("pk")


def test_a_good_workbook_imports_classes_participants_and_their_learning_record(
    world: World, registry: dict[str, Person], client_for: Any
) -> None:
    content = _workbook(
        [_class_row("L-01"), _class_row("L-02", centre="", place="31135-001", status="")],
        [
            _person_row("L-01", "nguyen van an"),  # without diacritics, as typed in a hurry
            _person_row("L-01", "Trần Thị Bình", completed="Không", certificate=""),
            _person_row("L-02", "Nguyễn Văn An"),
        ],
    )
    client = client_for(world.commune_officer)
    job = _upload(client, world, content)
    assert job.state == Job.State.DONE, job.message
    assert job.result_value("ok"), job.result_value("problems")
    first = LearningClass.objects.get(code="L-01")
    assert first.status == LearningClass.Status.CLOSED and first.certificates_issued == 1
    assert first.centre is not None and first.organiser == world.body
    assert list(first.partners.all()) == [world.other_body]
    assert LearningClass.objects.get(code="L-02").place == world.hamlet
    an = registry["Nguyễn Văn An"]
    assert LearningEntry.objects.filter(person=an, kind="class").count() == 2
    assert LearningEntry.objects.get(person=an, participation__learning_class=first).hours == 12
    assert AuditEntry.objects.filter(step="import_classes").count() == 1
    # Written in bulk, counted all the same: An (born 1980) completed a digital-skills class.
    kept = RollupCount.objects.get(indicator="info_literacy", place=world.commune, year=LIVE_YEAR)
    assert kept.numerator == 1
    page = client.get(reverse("centres:class_import_job", args=[job.pk])).content.decode()
    assert "Đã nhập xong" in page
    # The same file again changes nothing.
    again = _upload(client, world, content)
    assert again.result_value("ok")
    assert LearningClass.objects.count() == 2 and Participation.objects.count() == 3


def test_every_bad_row_gets_its_message_and_nothing_is_written(
    world: World, registry: dict[str, Person], client_for: Any
) -> None:
    content = _workbook(
        [
            _class_row("L-01"),
            _class_row("L-01"),  # row 4: duplicate code
            _class_row("", topic="Thiên văn học"),  # row 5
            _class_row("L-03", centre="", place=""),  # row 6
            _class_row("L-04", start="32/13/2026"),  # row 7
            _class_row("L-05", end="01/01/2026"),  # row 8
            _class_row("L-06", organiser="Bộ Không Tồn Tại", hours="mười"),  # row 9
            _class_row("L-07", centre="", place="31120"),  # row 10: another commune
        ],
        [
            _person_row("L-01", "Nguyễn Văn An"),  # row 3: fine
            _person_row("L-01", "Lê Văn Cường", household="CK-001"),  # row 4: outside the scope
            _person_row("L-99", "Trần Thị Bình"),  # row 5: unknown class
            _person_row("L-01", "Trần Thị Bình", year="năm"),  # row 6
            _person_row("L-01", "Trần Thị Bình", completed="Không", certificate="Có"),  # row 7
            _person_row("L-01", "Nguyễn Văn An"),  # row 8: twice
        ],
    )
    job = _upload(client_for(world.commune_officer), world, content)
    assert job.state == Job.State.DONE
    problems = {(p["row"], p["message"]) for p in job.result_value("problems")}
    messages = "\n".join(f"{row}: {message}" for row, message in sorted(problems))
    expected = [
        (4, "mã lớp trùng với dòng 3."),
        (5, "thiếu mã lớp."),
        (5, "không có chủ đề “Thiên văn học” trong danh mục."),
        (6, "thiếu mã cơ sở hoặc mã địa bàn."),
        (7, "ngày bắt đầu không hợp lệ (ghi dạng 15/03/2026)."),
        (8, "ngày kết thúc trước ngày bắt đầu."),
        (9, "số giờ học phải là số từ 0 đến 10.000."),
        (9, "không có cơ quan “Bộ Không Tồn Tại”."),
        (10, "không có địa bàn mã 31120 thuộc Phường Ninh Kiều."),
        (
            4,
            "trang Người học: không tìm thấy Lê Văn Cường, sinh năm 1980, trong hộ CK-001 "
            "thuộc địa bàn của bạn.",
        ),
        (5, "trang Người học: mã lớp L-99 không có (hoặc có lỗi) ở trang Lớp học."),
        (6, "trang Người học: năm sinh phải là số, ví dụ 1985."),
        (7, "trang Người học: chỉ người hoàn thành lớp mới được cấp chứng chỉ."),
        (8, "trang Người học: người này đã được ghi ở dòng 3."),
    ]
    for item in expected:
        assert item in problems, messages
    assert not LearningClass.objects.exists()
    assert not Participation.objects.exists() and not LearningEntry.objects.exists()
    assert not AuditEntry.objects.filter(step="import_classes").exists()
    page = client_for(world.commune_officer).get(reverse("centres:class_import_job", args=[job.pk]))
    assert "Chưa lưu gì" in page.content.decode()


def test_a_workbook_without_the_participants_sheet_is_refused_with_a_message(
    world: World, registry: dict[str, Person], client_for: Any
) -> None:
    content = workbook_bytes([Sheet("Lớp học", CLASS_HEADERS, [_class_row("L-01")])])
    job = _upload(client_for(world.commune_officer), world, content)
    assert job.state == Job.State.FAILED
    assert "thiếu trang thứ 2" in job.message
    assert not LearningClass.objects.exists()


def test_a_class_code_of_another_commune_is_refused_without_saying_where(
    world: World, registry: dict[str, Person], client_for: Any
) -> None:
    other = factories.centre(world, code="TT-CK", place=world.other_commune, name="TT Cái Khế")
    theirs = factories.learning_class(world, at=other)
    theirs.code = "L-01"
    theirs.save()
    job = _upload(client_for(world.commune_officer), world, _workbook([_class_row("L-01")], []))
    assert [p["message"] for p in job.result_value("problems")] == [
        "mã lớp L-01 đã được dùng ở nơi khác."
    ]
    theirs.refresh_from_db()
    assert theirs.title == "Lớp kỹ năng số cho người cao tuổi"


def test_the_template_has_both_sheets_a_title_row_and_dropdowns(
    world: World, client_for: Any
) -> None:
    factories.centre(world)
    response = client_for(world.commune_officer).get(reverse("centres:class_import_template"))
    assert response.status_code == 200
    book = openpyxl.load_workbook(BytesIO(response.content))
    classes, people = book.worksheets[0], book.worksheets[1]
    assert classes.title == "Lớp học" and people.title == "Người học"
    assert "Lớp học, hoạt động trong năm" in str(classes["A1"].value)
    headers = [c.value for c in classes[2]]
    assert headers[: len(CLASS_HEADERS)] == CLASS_HEADERS
    assert [c.value for c in people[2]][: len(PERSON_HEADERS)] == PERSON_HEADERS
    assert classes.data_validations.dataValidation and people.data_validations.dataValidation
    assert "CCCD" not in " ".join(str(c.value) for c in people[2])


def test_only_the_author_sees_an_import_job(world: World, client_for: Any) -> None:
    job = Job.objects.create(
        function="xhht.centres.class_import_job.run_import",
        arguments={"token": "t", "place_id": world.commune.pk},
        title="Nhập lớp học",
        created_by=world.commune_officer,
    )
    url = reverse("centres:class_import_job", args=[job.pk])
    assert client_for(world.commune_officer).get(url).status_code == 200
    assert client_for(world.coordinator).get(url).status_code == 404


def test_a_file_that_is_not_a_workbook_is_refused_at_the_upload(
    world: World, registry: dict[str, Person], client_for: Any
) -> None:
    response = client_for(world.commune_officer).post(
        reverse("centres:class_import"),
        {"place": world.commune.pk, "file": SimpleUploadedFile("lop.xlsx", b"not a workbook")},
    )
    assert response.status_code in (200, 400) and not Job.objects.exists()
    assert "errorlist" in response.content.decode()
    assert not LearningClass.objects.exists()


def test_a_workbook_with_a_cell_at_xfd1048576_fails_with_a_message_and_writes_nothing(
    world: World, registry: dict[str, Person], client_for: Any
) -> None:
    job = _upload(client_for(world.commune_officer), world, far_cell_xlsx(tuple(CLASS_HEADERS)))
    assert job.state == Job.State.FAILED and job.message
    assert not LearningClass.objects.exists()
