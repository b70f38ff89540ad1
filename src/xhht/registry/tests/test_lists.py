"""Registry lists: search with or without diacritics, Vietnamese order, place scope, query counts."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from xhht.registry.tests import factories
from xhht.testing.world import World

pytestmark = pytest.mark.django_db


def names(response: Any) -> str:
    assert response.status_code == 200
    return str(response.content.decode())


def test_search_without_diacritics_finds_names_hamlets_and_units(
    world: World, client_for: Any
) -> None:
    factories.person(world)
    factories.unit(world)
    client = client_for(world.commune_officer)
    people = reverse("registry:person_list")
    assert "Nguyễn Văn An" in names(client.get(people, {"q": "nguyen van an"}))
    assert "Nguyễn Văn An" in names(client.get(people, {"q": "NGUYỄN văn"}))
    assert "Nguyễn Văn An" not in names(client.get(people, {"q": "tran thi"}))
    households = reverse("registry:household_list")
    assert "KV1-001" in names(client.get(households, {"q": "khu vuc 1"}))  # by hamlet name
    units = reverse("registry:unit_list")
    assert "Trường Tiểu học Ninh Kiều" in names(
        client.get(units, {"q": "truong tieu hoc ninh kieu"})
    )


def test_lists_are_in_vietnamese_order(world: World, client_for: Any) -> None:
    for i, name in enumerate(["Đỗ Văn Ân", "Nguyễn Thị Ánh", "Trần Văn An", "Lê Đức Bình"]):
        factories.person(world, cccd=f"09218500000{i}", name=name)
    page = names(client_for(world.commune_officer).get(reverse("registry:person_list")))
    # Given name first: An < Ánh < Ân < Bình.
    order = [page.index(n) for n in ["Trần Văn An", "Nguyễn Thị Ánh", "Đỗ Văn Ân", "Lê Đức Bình"]]
    assert order == sorted(order)


def test_another_communes_officer_can_neither_see_search_nor_export_its_rows(
    world: World, client_for: Any
) -> None:
    factories.person(world)
    client = client_for(world.other_officer)
    assert "Nguyễn Văn An" not in names(client.get(reverse("registry:person_list"), {"q": "an"}))
    filtered = client.get(reverse("registry:person_list"), {"place": world.commune.pk})
    assert "Nguyễn Văn An" not in names(filtered)
    export = client.get(reverse("registry:person_export"), {"q": "nguyen"})
    assert b"".join(export.streaming_content).count(b"Nguy") == 0
    household = world.once("household", factories.household)
    assert client.get(reverse("registry:household_detail", args=[household.pk])).status_code == 404
    api = client.get(reverse("person-list"), {"q": "nguyen"}).json()
    assert api["count"] == 0


def test_the_place_filter_keeps_a_subtree(world: World, client_for: Any) -> None:
    factories.household(world)
    factories.household(world, code="KV1-OTHER", place=world.other_hamlet)
    client = client_for(world.coordinator)
    page = names(client.get(reverse("registry:household_list"), {"place": world.commune.pk}))
    assert "KV1-001" in page and "KV1-OTHER" not in page


def test_list_pages_use_a_fixed_number_of_queries(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    for i in range(30):
        factories.person(world, cccd=f"0921850001{i:02d}", name=f"Người Thứ {i}")
    client = client_for(world.commune_officer)
    for kind in ("household", "person", "clan", "unit"):
        with django_assert_max_num_queries(12):  # session, user, roles, places, count, rows…
            assert client.get(reverse(f"registry:{kind}_list")).status_code == 200


def test_the_people_export_opens_back_with_every_column_and_masks_for_a_reviewer(
    world: World, client_for: Any
) -> None:
    import io

    from python_calamine import CalamineWorkbook

    factories.person(world)
    loner = factories.person(world, cccd="092185005678", name="Lê Thị Cúc")
    loner.household = None
    loner.relation = ""
    loner.save()

    def rows(user: Any) -> list[list[Any]]:
        response = client_for(user).get(reverse("registry:person_export"))
        book = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
        return book.get_sheet_by_index(0).to_python()

    _title, header, *body = rows(world.commune_officer)  # the title row says what and where
    assert header[0] == "Mã hộ" and len(header) == 12
    by_name = {row[3]: row for row in body}
    assert by_name["Nguyễn Văn An"] == [
        "KV1-001",
        world.hamlet.name,
        "12 Mậu Thân",
        "Nguyễn Văn An",
        "Chủ hộ",
        "Nam",
        "1980",  # a bare year is text: the writer would show a number among dates as a date
        "Kinh",
        by_name["Nguyễn Văn An"][8],
        by_name["Nguyễn Văn An"][9],
        "092185001234",
        "",
    ]
    assert by_name["Lê Thị Cúc"][:5] == ["", world.hamlet.name, "", "Lê Thị Cúc", ""]
    assert by_name["Lê Thị Cúc"][10] == "092185005678"
    reviewer = {row[3]: row[10] for row in rows(world.reviewer)[2:]}
    assert reviewer == {"Nguyễn Văn An": "*********234", "Lê Thị Cúc": "*********678"}


def test_a_long_export_runs_in_the_background_for_its_author_only_and_is_audited(
    world: World, client_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from python_calamine import CalamineWorkbook

    from xhht.audit.models import AuditEntry
    from xhht.jobs.models import Job
    from xhht.registry import exports

    for i in range(3):
        factories.person(world, cccd=f"09218500{i:04d}", name=f"Người Số {i}")
    monkeypatch.setattr(exports, "INLINE_ROWS", 2)
    client = client_for(world.commune_officer)
    response = client.get(reverse("registry:person_export"), {"q": "nguoi so"})
    job = Job.objects.get(function=exports.EXPORT_FUNCTION)
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:export_job", args=[job.pk])
    page = client.get(response["Location"]).content.decode()  # jobs run inline in tests
    assert "Đã xuất 3 dòng." in page and 'data-testid="download"' in page
    download = client.get(reverse("registry:export_download", args=[job.pk]))
    book = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(download.streaming_content)))
    names = sorted(row[3] for row in book.get_sheet_by_index(0).to_python()[2:])  # title, header
    assert names == ["Người Số 0", "Người Số 1", "Người Số 2"]
    entry = AuditEntry.objects.get(step="export-person")
    assert (entry.actor, entry.action, entry.after) == (
        world.commune_officer,
        AuditEntry.Action.VIEW,
        {"rows": 3, "filters": {"q": ["nguoi so"]}, "format": "xlsx"},
    )
    other = client_for(world.coordinator)
    assert other.get(reverse("registry:export_download", args=[job.pk])).status_code == 404


def test_an_export_file_is_deleted_after_a_day_and_its_page_says_so(
    world: World, client_for: Any
) -> None:
    import datetime

    from django.core.files.storage import default_storage
    from django.utils import timezone

    from xhht.jobs.models import Job
    from xhht.registry import exports

    factories.person(world)
    client = client_for(world.commune_officer)
    assert client.get(reverse("registry:person_export")).status_code == 200
    job = Job.objects.get(function=exports.EXPORT_FUNCTION)
    name = job.result_value("file")
    assert default_storage.exists(name)
    assert exports.purge_old_exports(timezone.now()) == 0
    later = timezone.now() + datetime.timedelta(days=1, minutes=1)
    assert exports.purge_old_exports(later) == 1
    assert not default_storage.exists(name)
    response = client.get(reverse("registry:export_download", args=[job.pk]), follow=True)
    assert "Tệp xuất đã hết hạn" in response.content.decode()
