"""Row-level scope: no list page, API list, export or audit page ever shows a row outside the
persona's places, and no full CCCD reaches a role without the right to see it.

Three places get records whose every name carries a marker word and whose person has a known
CCCD: a hamlet of ``commune``, a hamlet of ``other_commune`` (same province) and a hamlet of
``far_commune`` (another province). Each persona reads every list; the markers of its own places
must be there (so the test can fail) and the others never.
"""

from __future__ import annotations

import datetime
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from urllib.parse import urlencode

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoDbBlocker

from xhht.accounts.models import Body
from xhht.centres.models import Centre, LearningClass, LearningEntry, Participation, Topic
from xhht.core.sheets import write_sheet
from xhht.criteria.models import Title
from xhht.jobs.models import Job
from xhht.places.models import Level, Place
from xhht.recognition.actions import register
from xhht.recognition.tests.factories import make_set
from xhht.registry.models import Clan, Household, Person, Unit
from xhht.registry.tests.workbooks import HEADERS
from xhht.reporting.models import Task
from xhht.testing.world import PERSONAS, World, build_world


@dataclass(frozen=True)
class Marker:
    word: str  # in the name of every record of the place (never a Vietnamese word: no Z)
    cccd: str

    @property
    def masked(self) -> str:
        return "*" * 9 + self.cccd[-3:]

    def names(self) -> list[str]:
        """What only the place's records say: names, codes, address (a filter types the word)."""
        word = self.word
        return [
            f"Nguyễn Văn {word}",
            f"Trần Thị {word}",
            f"12 đường {word}",
            f"Ấp {word}",
            f"Họ {word}",
            f"Trường {word}",
            f"HO-{word}",
            f"DH-{word}",
            f"DV-{word}",
            f"ấp {word}",
            f"Thư viện {word}",
            f"TV-{word}",
            f"Lớp {word}",
            f"Sách {word}",
            self.cccd,
            self.masked,
        ]


HERE = Marker("Zalpha", "092185000111")  # a hamlet of world.commune
NEXT_DOOR = Marker("Zbravo", "092185000222")  # a hamlet of world.other_commune
FAR = Marker("Zcharlie", "001185000333")  # a hamlet of world.far_commune, another province
MARKERS = (HERE, NEXT_DOOR, FAR)

#: What each persona may see, written out by hand from the world (not computed by the code
#: under test): a role at a place sees its subtree, a body's officer the body's province.
PROVINCE = frozenset({HERE, NEXT_DOOR})
SCOPE: dict[str, frozenset[Marker]] = {
    "admin": frozenset(MARKERS),
    "coordinator": PROVINCE,
    "commune_officer": frozenset({HERE}),
    "other_officer": frozenset({NEXT_DOOR}),
    "hamlet_head": frozenset(),  # its hamlet is world.hamlet, not the marker hamlet
    "association_officer": frozenset({HERE}),
    "province_association_officer": PROVINCE,
    "body_officer": PROVINCE,
    "other_body_officer": PROVINCE,
    "reviewer": frozenset({HERE}),
    "citizen": frozenset(),
    "outsider": frozenset({FAR}),
}
#: Roles that may see a CCCD unmasked (VIEW_PERSONAL_ID), inside their scope only.
SEE_CCCD = frozenset({"admin", "coordinator", "commune_officer", "other_officer", "outsider"})
KINDS = ("household", "person", "clan", "unit")


def _plant(world: World, marker: Marker, commune: Place, code: str) -> None:
    """A hamlet named after the marker, with a household, its head, a clan, a school, a task."""
    hamlet = Place.objects.create(
        level=Level.HAMLET, code=code, name=f"Ấp {marker.word}", kind="ấp", parent=commune
    )
    household = Household.objects.create(
        code=f"HO-{marker.word}",
        place=hamlet,
        head_name=f"Nguyễn Văn {marker.word}",
        address=f"12 đường {marker.word}",
    )
    head = Person(
        full_name=f"Trần Thị {marker.word}",
        sex=Person.Sex.FEMALE,
        birth_year=1985,
        place=hamlet,
        household=household,
        relation=Person.Relation.HEAD,
    )
    head.set_cccd(marker.cccd)
    head.save()
    Clan.objects.create(code=f"DH-{marker.word}", name=f"Họ {marker.word}", commune=commune)
    unit = Unit.objects.create(
        code=f"DV-{marker.word}",
        name=f"Trường {marker.word}",
        kind=Unit.Kind.SCHOOL,
        level=Unit.Level.COMMUNE,
        place=hamlet,
    )
    #: Filters that name the marker's records: a filter never widens the scope.
    world.extras[f"filters {marker.word}"] = {
        "q": marker.word,
        "place": hamlet.pk,
        "household": household.pk,
        "unit": unit.pk,
    }
    library = Centre.objects.create(
        code=f"TV-{marker.word}", name=f"Thư viện {marker.word}", kind="library", place=commune
    )
    learning_class = LearningClass.objects.create(
        code=f"LH-{marker.word}",
        topic=Topic.objects.get(code=Topic.DIGITAL_SKILLS, province=None),
        title=f"Lớp {marker.word}",
        centre=library,
        place=commune,
        start_date=datetime.date(2026, 3, 2),
    )
    Participation.objects.create(learning_class=learning_class, person=head)
    LearningEntry.objects.create(  # self-declared, waiting in the confirmation queue
        person=head, year=2026, kind=LearningEntry.Kind.BOOK, title=f"Sách {marker.word}"
    )
    office = Body.objects.create(name=f"Phòng Văn hóa - Xã hội {marker.word}", place=commune)
    Task.objects.create(
        place=commune,
        group="Tuyên truyền",
        text=f"Tuyên truyền ở ấp {marker.word}",
        lead_body=office,
        deadline_kind=Task.Deadline.QUARTER,
        deadline_quarter=3,
        deadline_year=2026,
    )
    if commune.parent_id == world.province.pk:  # the test criteria set is the province's
        register(
            actor=world.admin,
            title=Title.FAMILY,
            subject=household,
            year=2026,
            criteria_set=world.once("row_scope_set", make_set),
        )


@pytest.fixture(scope="module")
def scoped_world(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[World]:
    with django_db_blocker.unblock(), transaction.atomic():
        world = build_world()
        _plant(world, HERE, world.commune, "31135-901")
        _plant(world, NEXT_DOOR, world.other_commune, "31120-901")
        _plant(world, FAR, world.far_commune, "00070-901")
        yield world
        transaction.set_rollback(True)


def _text(response: HttpResponseBase) -> str:
    """What the user receives: the page or JSON, or every cell of an XLSX file."""
    assert isinstance(response, HttpResponse | StreamingHttpResponse)
    content = response.getvalue()
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    return content.decode()


def _api_pages(client: Client, url: str) -> Iterator[tuple[str, HttpResponseBase]]:
    """Every page of an API list, following ``next``."""
    while url:
        response = client.get(url)
        yield url, response
        following = response.json().get("next") if response.status_code == 200 else None
        url = str(following) if following else ""


def _reads(client: Client, world: World) -> Iterator[tuple[str, HttpResponseBase]]:
    """Every list, API list, export and the audit page, as (url, response); the registry's lists
    and exports also filtered on each marker's records (by search, place, household, unit)."""
    for kind in KINDS:
        # Exports by place only: each one writes a workbook.
        keys = ["q", "place", *(["household", "unit"] if kind == "person" else [])]
        for name, by in [
            (f"registry:{kind}_list", keys),
            (f"{kind}-list", keys),
            (f"registry:{kind}_export", ["place"]),
        ]:
            filters = [
                {key: world.extras[f"filters {marker.word}"][key]}
                for marker in MARKERS
                for key in by
            ]
            for query in [{}, *filters]:
                url = f"{reverse(name)}?{urlencode(query)}" if query else reverse(name)
                if name.endswith("-list"):
                    yield from _api_pages(client, url)
                else:
                    yield url, client.get(url)
    for name, by in [
        ("centres:centre_list", ["q", "place"]),
        ("centres:centre_export", []),
        ("centres:class_list", ["q"]),
        ("centres:record_queue", []),
    ]:
        filters = [{key: world.extras[f"filters {m.word}"][key]} for m in MARKERS for key in by]
        for query in [{}, *filters]:
            url = f"{reverse(name)}?{urlencode(query)}" if query else reverse(name)
            yield url, client.get(url)
    yield from _api_pages(client, reverse("place-list"))
    yield from _api_pages(client, reverse("task-list"))
    for name in (
        "site:home",
        "places:index",
        "recognition:index",
        "reporting:task_list",
        "audit:index",
    ):
        url = reverse(name)
        yield url, client.get(url, follow=True)


def _is_complete(url: str) -> bool:
    """Reads whose rows must include every in-scope marker (the others may show a part only)."""
    if "?" in url:  # filtered
        return False
    return url.startswith(("/registry/", "/centres/")) or any(
        url.startswith(reverse(f"{kind}-list")) for kind in KINDS
    )


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_no_list_export_or_api_shows_a_row_outside_the_scope_or_a_cccd_without_the_right(
    persona: str, scoped_world: World
) -> None:
    client = Client()
    client.force_login(getattr(scoped_world, persona))
    scope = SCOPE[persona]
    reads = [
        (url, response.status_code, _text(response))
        for url, response in _reads(client, scoped_world)
    ]
    failures: list[str] = []
    for url, status, text in reads:
        # A filter on a place outside the scope is refused as an unknown choice (API: 400).
        if status not in ({200, 400, 403} if "?" in url else {200, 403}):
            failures.append(f"{url}: {status}")
        for marker in MARKERS:
            if marker not in scope:
                failures += [
                    f"{url} shows {shown!r} outside the scope"
                    for shown in marker.names()
                    if shown in text
                ]
            elif persona not in SEE_CCCD and marker.cccd in text:
                failures.append(f"{url} shows the full CCCD {marker.cccd} without the right")
            elif status == 200 and _is_complete(url) and marker.word not in text:
                failures.append(f"{url} misses {marker.word}, inside the scope")
    assert not failures, f"{persona}: " + "; ".join(failures)


def _secrets(marker: Marker) -> list[str]:
    """What only the records of the marker's place say (an upload never types them)."""
    word = marker.word
    return [f"Nguyễn Văn {word}", f"Trần Thị {word}", f"12 đường {word}", f"Ấp {word}"]


def _sheet(hamlet: str, foreign: tuple[Marker, ...]) -> BytesIO:
    """A households sheet that names another place's household by its code and another place's
    people by their CCCD, in rows of the uploader's own hamlet."""
    rows: list[list[object]] = []
    for i, marker in enumerate(foreign):
        rows += [
            [
                f"HO-{marker.word}",
                hamlet,
                "",
                f"Lê Văn Khách {i}",
                "Chủ hộ",
                "Nam",
                1980,
                "",
                "",
                "",
                "",
                "",
            ],
            [
                f"HO-MOI-{i}",
                hamlet,
                "",
                f"Lê Thị Khách {i}",
                "Chủ hộ",
                "Nữ",
                1985,
                "",
                "",
                "",
                marker.cccd,
                "",
            ],
        ]
    buffer = BytesIO()
    write_sheet(buffer, "Ho gia dinh", HEADERS, rows)
    return buffer


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "hamlet", "foreign"),
    [
        ("commune_officer", f"Ấp {HERE.word}", (NEXT_DOOR, FAR)),
        ("hamlet_head", "Khu vực 1", (HERE, NEXT_DOOR, FAR)),
    ],
)
def test_an_import_preview_names_nothing_of_the_households_and_people_of_other_places(
    persona: str, hamlet: str, foreign: tuple[Marker, ...], scoped_world: World
) -> None:
    user = getattr(scoped_world, persona)
    place = scoped_world.commune if persona == "commune_officer" else scoped_world.hamlet
    client = Client()
    client.force_login(user)
    upload = SimpleUploadedFile("ho.xlsx", _sheet(hamlet, foreign).getvalue())
    response = client.post(
        reverse("registry:household_import"), {"place": place.pk, "file": upload}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    preview = Job.objects.filter(created_by=user).latest("pk")
    page = client.get(reverse("registry:import_job", args=[preview.pk]))
    assert page.status_code == 200
    preview.refresh_from_db()
    shown = "\n".join(
        [page.content.decode(), preview.message, json.dumps(preview.result, ensure_ascii=False)]
    )
    assert preview.state == Job.State.DONE, preview.message
    leaks = [secret for marker in foreign for secret in _secrets(marker) if secret in shown]
    assert not leaks, f"{persona}'s preview names {leaks}"
