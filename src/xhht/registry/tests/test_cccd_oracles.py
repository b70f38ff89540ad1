"""No oracle for CCCD numbers: imports, previews and the person form say nothing about a number
the user may not see, every preview that reads numbers is audited, and previews are rate-limited.

A CCCD has three unknown digits for whoever knows a person's sex, birth year and the last three
digits (what a masked number shows): a workbook of the 1,000 candidates must not single out the
true one.
"""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from xhht.accounts.models import User
from xhht.audit.models import AuditEntry
from xhht.core.sheets import write_sheet
from xhht.jobs.models import Job
from xhht.places.models import Level, Place
from xhht.registry.models import Household, Person
from xhht.registry.tests import factories
from xhht.registry.tests.workbooks import HEADERS
from xhht.testing.world import World

pytestmark = pytest.mark.django_db

TRUE_INDEX = 417
NEUTRAL = "có số CCCD trùng với dữ liệu đã có"


def candidate(n: int) -> str:
    """Province 001, a man born in the 1900s, born 1985, the last three digits 234: 1,000 numbers."""
    return f"001085{n:03d}234"


def far_person(world: World) -> Person:
    """The person whose number is guessed: in a hamlet of another province."""
    hamlet = Place.objects.create(
        level=Level.HAMLET,
        code="00070-001",
        name="Tổ 1",
        kind="tổ dân phố",
        parent=world.far_commune,
    )
    home = factories.household(world, "HK-001", hamlet)
    return factories.person(world, candidate(TRUE_INDEX), "Đỗ Văn Khải", home=home)


def candidates_book(hamlet: str, *, skip_true: bool = False) -> BytesIO:
    """One new household whose 1,000 members carry the candidate numbers (same sex, year)."""
    rows = []
    for n in range(1000):
        number = candidate(n)
        if skip_true and n == TRUE_INDEX:
            number = "002" + number[3:]  # a number nobody has
        relation = "Chủ hộ" if n == 0 else "Con"
        rows.append(
            ["HO-THU", hamlet, "", f"Người thử {n}", relation, "Nam", 1985, "", "", "", number, ""]
        )
    buffer = BytesIO()
    write_sheet(buffer, "Ho gia dinh", HEADERS, rows)
    buffer.seek(0)
    return buffer


def upload(client: Client, book: BytesIO, place_pk: int) -> Job:
    data = {"place": place_pk, "file": SimpleUploadedFile("ho.xlsx", book.getvalue())}
    response = client.post(reverse("registry:household_import"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Job.objects.latest("pk")


def confirm(client: Client, preview: Job) -> Job:
    response = client.post(reverse("registry:import_confirm", args=[preview.pk]))
    assert response.status_code == 302
    return Job.objects.latest("pk")


def messages_by_row(job: Job) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for problem in job.result_value("problems") or []:
        found.setdefault(problem["row"], []).append(problem["message"])
    return found


def assert_no_row_stands_out(job: Job) -> None:
    """The true number's row reads exactly as the other 999 rows (row numbers aside)."""
    assert job.state == Job.State.DONE, job.message
    by_row = messages_by_row(job)
    true_row = TRUE_INDEX + 2
    others = {tuple(by_row.get(n + 2, [])) for n in range(1000) if n != TRUE_INDEX}
    assert others == {tuple(by_row.get(true_row, []))}
    distinct = {re.sub(r"\d+", "#", m) for ms in by_row.values() for m in ms}
    assert len(distinct) <= 1
    assert "Khải" not in str(job.result) and "HK-001" not in str(job.result)


@pytest.mark.parametrize("persona", ["hamlet_head", "commune_officer"])
def test_a_workbook_of_1000_candidates_does_not_single_out_a_number_of_another_province(
    world: World, client_for: Any, persona: str
) -> None:
    far_person(world)
    client = client_for(getattr(world, persona))
    place = world.hamlet if persona == "hamlet_head" else world.commune
    with_true = upload(client, candidates_book(world.hamlet.name), place.pk)
    assert_no_row_stands_out(with_true)
    without_true = upload(client, candidates_book(world.hamlet.name, skip_true=True), place.pk)
    assert with_true.result == without_true.result
    assert with_true.message == without_true.message


def test_the_write_then_fails_with_one_neutral_message_and_writes_nothing(
    world: World, client_for: Any
) -> None:
    far_person(world)
    client = client_for(world.hamlet_head)
    preview = upload(client, candidates_book(world.hamlet.name), world.hamlet.pk)
    assert preview.result_value("ok")
    done = confirm(client, preview)
    assert done.state == Job.State.FAILED
    assert NEUTRAL in done.message
    assert "Khải" not in done.message and "HK-001" not in done.message
    assert not Household.objects.filter(code="HO-THU").exists()
    assert Person.objects.count() == 1


def test_without_the_true_number_the_same_workbook_is_written(
    world: World, client_for: Any
) -> None:
    far_person(world)
    client = client_for(world.hamlet_head)
    preview = upload(client, candidates_book(world.hamlet.name, skip_true=True), world.hamlet.pk)
    done = confirm(client, preview)
    assert done.state == Job.State.DONE, done.message
    assert Household.objects.get(code="HO-THU").members.count() == 1000


def test_a_member_of_another_household_is_refused_without_naming_that_household(
    world: World, client_for: Any
) -> None:
    factories.person(world)  # household KV1-001 in the hamlet
    book = BytesIO()
    write_sheet(
        book,
        "Ho gia dinh",
        HEADERS,
        [
            [
                "HO-MOI",
                world.hamlet.name,
                "",
                "Nguyễn Văn An",
                "Chủ hộ",
                "Nam",
                1980,
                "",
                "",
                "",
                factories.CCCD,
                "",
            ]
        ],
    )
    book.seek(0)
    preview = upload(client_for(world.commune_officer), book, world.commune.pk)
    messages = [p["message"] for p in preview.result_value("problems")]
    assert messages and "hộ khác" in messages[0]
    assert "KV1-001" not in str(preview.result)


def small_book(world: World) -> BytesIO:
    book = BytesIO()
    write_sheet(
        book,
        "Ho gia dinh",
        HEADERS,
        [
            [
                "HO-1",
                world.hamlet.name,
                "",
                "Lê Văn Tám",
                "Chủ hộ",
                "Nam",
                1980,
                "",
                "",
                "",
                "092180000777",
                "",
            ],
            ["HO-1", world.hamlet.name, "", "Lê Thị Chín", "Con", "Nữ", 2005, "", "", "", "", ""],
        ],
    )
    book.seek(0)
    return book


def previews_of(user: User) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(actor=user, action=AuditEntry.Action.VIEW).order_by("pk"))


def test_a_preview_is_audited_with_its_row_count_and_never_the_numbers(
    world: World, client_for: Any
) -> None:
    preview = upload(client_for(world.hamlet_head), small_book(world), world.hamlet.pk)
    assert preview.state == Job.State.DONE, preview.message
    [entry] = previews_of(world.hamlet_head)
    assert entry.place == world.hamlet
    assert entry.after is not None and entry.after["rows"] == 2
    assert "092180000777" not in str(entry.after) and "777" not in str(entry.after)


def test_previews_beyond_the_limit_are_refused_with_the_wait(
    world: World, client_for: Any, settings: Any
) -> None:
    settings.XHHT_PII_PREVIEW_LIMIT = 2
    client = client_for(world.hamlet_head)
    first, second = (upload(client, small_book(world), world.hamlet.pk) for _ in range(2))
    assert first.state == second.state == Job.State.DONE
    refused = upload(client, small_book(world), world.hamlet.pk)
    assert refused.state == Job.State.FAILED
    assert "phút" in refused.message and "2" in refused.message
    assert len(previews_of(world.hamlet_head)) == 2
    # Another user is not held back by this one.
    other = upload(client_for(world.commune_officer), small_book(world), world.commune.pk)
    assert other.state == Job.State.DONE


# --- the person form -----------------------------------------------------------------------


def person_data(world: World, **changes: Any) -> dict[str, Any]:
    data = {
        "full_name": "Trần Thị Bình",
        "sex": "F",
        "birth_year": 1990,
        "ethnicity": "Kinh",
        "education": "university",
        "occupation": "official",
        "place": world.hamlet.pk,
        "cccd": candidate(TRUE_INDEX),
        "relation": "",
    }
    return data | changes


@pytest.mark.parametrize("persona", ["hamlet_head", "commune_officer"])
def test_the_person_form_does_not_check_a_number_against_another_province(
    world: World, client_for: Any, persona: str
) -> None:
    far_person(world)
    client = client_for(getattr(world, persona))
    url = reverse("registry:person_create")
    # A form with another mistake says nothing about the number.
    probe = client.post(url, person_data(world, full_name=""))
    fresh = client.post(url, person_data(world, full_name="", cccd=candidate(1)))
    assert probe.status_code == fresh.status_code == 200
    assert probe.context["form"].errors == fresh.context["form"].errors
    assert "cccd" not in probe.context["form"].errors
    # A complete form fails at the write, with one neutral message, and writes nothing.
    response = client.post(url, person_data(world))
    assert response.status_code == 200
    body = response.content.decode()
    assert NEUTRAL in body
    assert "Khải" not in body and "HK-001" not in body and "Hoàn Kiếm" not in body
    assert Person.objects.count() == 1


def test_an_edit_that_takes_a_number_in_use_elsewhere_keeps_the_old_number(
    world: World, client_for: Any
) -> None:
    far_person(world)
    mine = factories.person(world)
    response = client_for(world.hamlet_head).post(
        reverse("registry:person_edit", args=[mine.pk]),
        person_data(world, full_name=mine.full_name, birth_year=1980, sex="M"),
    )
    assert response.status_code == 200
    assert NEUTRAL in response.content.decode()
    mine.refresh_from_db()
    assert mine.cccd() == factories.CCCD
