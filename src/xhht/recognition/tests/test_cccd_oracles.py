"""No oracle for CCCD numbers in recognition: the evaluation sheet of candidate numbers reads the
same whichever number is true, and registering by CCCD answers "không tìm thấy" alike for a
person outside the user's reach and for a number nobody has."""

from __future__ import annotations

import copy
import io
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from xhht.accounts.models import RoleAssignment, User
from xhht.accounts.roles import Role
from xhht.audit.models import AuditEntry
from xhht.criteria.models import Title
from xhht.places.models import Place
from xhht.recognition.models import Assessment
from xhht.recognition.tests.factories import CITIZEN_SET, YEAR, make_set
from xhht.registry.models import Person
from xhht.testing.world import PASSWORD, World

pytestmark = pytest.mark.django_db

TRUE_INDEX = 417


def candidate(n: int) -> str:
    return f"092085{n:03d}234"


def person_with(place: Place, number: str, name: str = "Đỗ Văn Khải") -> Person:
    person = Person(full_name=name, sex=Person.Sex.MALE, birth_year=1985, place=place)
    person.set_cccd(number)
    person.save()
    return person


def citizen_sheet(numbers: list[str]) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Số CCCD", "1.1", "2.1", "2.2", "Nhận xét"])
    for number in numbers:
        sheet.append([number, 8, 7, 6, ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("phieu.xlsx", buffer.getvalue())


def import_sheet(client: Client, world: World, numbers: list[str]) -> tuple[int, list[str]]:
    response = client.post(
        reverse("recognition:sheet_import"),
        {
            "title": Title.CITIZEN,
            "year": YEAR,
            "hamlet": world.hamlet.pk,
            "file": citizen_sheet(numbers),
        },
    )
    result = response.context["result"] if response.status_code == 200 else None
    lines = [str(p) for p in result.problems] if result else []
    if result and result.file_error:
        lines.append(result.file_error)
    return response.status_code, lines


def by_row(lines: list[str]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for line in lines:
        match = re.match(r"Dòng (\d+): (.*)", line)
        if match:
            found.setdefault(int(match.group(1)), []).append(match.group(2))
    return found


def candidates(true: str | None) -> list[str]:
    numbers = [candidate(n) for n in range(1000)]
    numbers[TRUE_INDEX] = true or "002" + numbers[TRUE_INDEX][3:]
    return numbers


def test_a_reviewer_s_sheet_of_1000_candidates_does_not_single_out_a_number_elsewhere(
    world: World, client_for: Any
) -> None:
    make_set(world, Title.CITIZEN)
    person_with(world.other_hamlet, candidate(TRUE_INDEX))
    client = client_for(world.reviewer)
    status, lines = import_sheet(client, world, candidates(candidate(TRUE_INDEX)))
    assert status == 200
    rows = by_row(lines)
    true_row = TRUE_INDEX + 2
    assert {tuple(rows.get(n + 2, [])) for n in range(1000) if n != TRUE_INDEX} == {
        tuple(rows.get(true_row, []))
    }
    assert len({re.sub(r"\d", "#", line) for line in lines}) <= 1
    assert lines and "Khải" not in str(lines) and candidate(TRUE_INDEX) not in str(lines)
    _status, without = import_sheet(client, world, candidates(None))
    assert without == lines
    assert not Assessment.objects.exists()


def test_a_reviewer_who_may_not_see_numbers_cannot_find_one_of_the_hamlet_by_trying(
    world: World, client_for: Any, settings: Any
) -> None:
    """The true number of a person of the hamlet itself: the sheet is refused as a whole and
    the same, whether the true number is among the candidates or not."""
    settings.XHHT_PII_PREVIEW_LIMIT = 10
    make_set(world, Title.CITIZEN)
    person_with(world.hamlet, candidate(TRUE_INDEX))
    client = client_for(world.reviewer)
    _status, with_true = import_sheet(client, world, candidates(candidate(TRUE_INDEX)))
    _status, without = import_sheet(client, world, candidates(None))
    assert with_true == without and with_true
    assert not by_row(with_true)
    assert not Assessment.objects.exists()


def test_an_officer_who_may_see_numbers_is_told_which_rows_are_not_in_the_hamlet(
    world: World, client_for: Any
) -> None:
    make_set(world, Title.CITIZEN)
    person_with(world.hamlet, candidate(1))
    person_with(world.other_hamlet, candidate(2), "Lê Thị Hoa")
    _status, lines = import_sheet(
        client_for(world.commune_officer), world, [candidate(1), candidate(2), candidate(3)]
    )
    rows = by_row(lines)
    assert set(rows) == {3, 4} and rows[3] == rows[4]
    assert "Hoa" not in str(lines) and candidate(2) not in str(lines)


def test_checking_a_sheet_of_numbers_is_audited_and_limited(
    world: World, client_for: Any, settings: Any
) -> None:
    settings.XHHT_PII_PREVIEW_LIMIT = 1
    make_set(world, Title.CITIZEN)
    client = client_for(world.reviewer)
    import_sheet(client, world, [candidate(1), candidate(2)])
    [entry] = AuditEntry.objects.filter(actor=world.reviewer, action=AuditEntry.Action.VIEW)
    assert entry.after == {"what": "evaluation_sheet", "rows": 2}
    _status, lines = import_sheet(client, world, [candidate(1)])
    assert len(lines) == 1 and "phút" in lines[0]


# --- registering a citizen by CCCD ---------------------------------------------------------


def register(client: Client, number: str) -> Any:
    return client.post(
        reverse("recognition:register"), {"title": Title.CITIZEN, "code": number, "year": YEAR}
    )


def assessor_who_sees_the_province(world: World, client: Client) -> Client:
    """A hamlet head of one hamlet who also reviews for the whole province (two roles)."""
    user = User.objects.create_user(username="two_roles", password=PASSWORD, full_name="Hai Vai")
    RoleAssignment.objects.create(user=user, role=Role.HAMLET_HEAD, place=world.hamlet)
    RoleAssignment.objects.create(user=user, role=Role.REVIEWER, place=world.province)
    client.force_login(user)
    return client


def test_registering_a_person_out_of_reach_reads_as_a_number_nobody_has(
    world: World, client: Client
) -> None:
    make_set(world, Title.CITIZEN)
    person_with(world.other_hamlet, candidate(TRUE_INDEX))
    client = assessor_who_sees_the_province(world, client)
    found = register(client, candidate(TRUE_INDEX))
    nobody = register(client, candidate(1))
    assert found.status_code == nobody.status_code == 200
    assert found.context["form"].errors == nobody.context["form"].errors
    assert "Khải" not in found.content.decode()
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("persona", ["hamlet_head", "commune_officer", "association_officer"])
def test_registering_by_a_number_of_another_province_reads_as_not_found(
    world: World, client_for: Any, persona: str
) -> None:
    make_set(world, Title.CITIZEN)
    far = Place.objects.create(
        level="hamlet", code="00070-001", name="Tổ 1", kind="tổ", parent=world.far_commune
    )
    person_with(far, candidate(TRUE_INDEX))
    client = client_for(getattr(world, persona))
    found, nobody = register(client, candidate(TRUE_INDEX)), register(client, candidate(1))
    assert found.status_code == nobody.status_code == 200
    assert found.context["form"].errors == nobody.context["form"].errors
    assert "Khải" not in found.content.decode()


def test_registering_a_person_of_the_hamlet_by_number_still_works(
    world: World, client_for: Any
) -> None:
    make_set(world, Title.CITIZEN)
    person = person_with(world.hamlet, candidate(5))
    response = register(client_for(world.hamlet_head), candidate(5))
    assert response.status_code == 302
    assert Assessment.objects.get().person == person


def test_a_hamlet_head_who_knows_the_numbers_of_the_hamlet_imports_the_sheet(
    world: World, client_for: Any
) -> None:
    ungrouped = copy.deepcopy(CITIZEN_SET["criteria"])  # the sheet sets no citizen group
    ungrouped[1]["items"][1].pop("applies_to")
    make_set(world, Title.CITIZEN, groups=[], criteria=ungrouped)
    people = [person_with(world.hamlet, candidate(n), f"Người {n}") for n in (1, 2)]
    response = client_for(world.hamlet_head).post(
        reverse("recognition:sheet_import"),
        {
            "title": Title.CITIZEN,
            "year": YEAR,
            "hamlet": world.hamlet.pk,
            "file": citizen_sheet([candidate(1), candidate(2)]),
        },
    )
    assert response.status_code == 302, response.context["result"]
    assert {a.person for a in Assessment.objects.all()} == set(people)
