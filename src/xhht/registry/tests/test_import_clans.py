"""The clans workbook: a good file imports, re-importing is idle, planted errors save nothing."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from xhht.audit.models import AuditEntry
from xhht.indicators.models import LIVE_YEAR, RollupCount
from xhht.jobs import runner
from xhht.jobs.models import Job
from xhht.registry.imports.clans import COLUMNS
from xhht.registry.models import Clan, Household
from xhht.registry.tests import factories
from xhht.testing.world import World

pytestmark = pytest.mark.django_db

HEADERS = [title for _key, title in COLUMNS]
REPRESENTATIVE = "092185001234"
OTHER_PERSON = "092190004321"  # a person of the other commune


def workbook(*rows: list[Any]) -> BytesIO:
    from xhht.core.sheets import write_sheet

    buffer = BytesIO()
    write_sheet(buffer, "Dong ho", HEADERS, rows)
    buffer.seek(0)
    return buffer


def upload(client: Client, book: BytesIO, place_pk: int) -> Job:
    data = {"place": place_pk, "file": SimpleUploadedFile("dong-ho.xlsx", book.getvalue())}
    response = client.post(reverse("registry:clan_import"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Job.objects.latest("pk")


def confirm(client: Client, preview: Job) -> Job:
    response = client.post(reverse("registry:import_confirm", args=[preview.pk]))
    assert response.status_code == 302
    return Job.objects.latest("pk")


def counts(job: Job) -> dict[str, int]:
    assert job.state == Job.State.DONE, job.message
    assert job.result_value("ok"), job.result_value("problems")
    return job.result_value("counts")["clans"]  # type: ignore[no-any-return]  # a job's result is JSON


@pytest.fixture
def homes(world: World) -> dict[str, Household]:
    """Four households in the commune's hamlet, one in the other commune; two people with CCCD."""
    found = {f"KV1-00{i}": factories.household(world, f"KV1-00{i}") for i in range(1, 5)}
    found["CK-001"] = factories.household(world, "CK-001", world.other_hamlet)
    factories.person(world, REPRESENTATIVE, home=found["KV1-001"])
    factories.person(world, OTHER_PERSON, "Lê Thị Hoa", home=found["CK-001"])
    return found


def good_rows(world: World) -> list[list[Any]]:
    code = world.commune.code
    return [
        ["DH-001", "Họ Trần", code, REPRESENTATIVE, "KV1-001; KV1-002"],
        ["DH-002", "Họ Nguyễn", code, "", "KV1-003,KV1-004"],
        ["DH-003", "Họ Lê", code, None, None],
    ]


def members(code: str) -> set[str]:
    return set(Household.objects.filter(clans__code=code).values_list("code", flat=True))


def test_a_good_file_imports_and_importing_it_again_changes_nothing(
    world: World, client_for: Any, homes: dict[str, Household]
) -> None:
    client = client_for(world.commune_officer)
    preview = upload(client, workbook(*good_rows(world)), world.commune.pk)
    assert counts(preview) == {"create": 3, "update": 0, "unchanged": 0}
    assert Clan.objects.count() == 0  # the preview saves nothing
    page = client.get(reverse("registry:import_job", args=[preview.pk])).content.decode()
    assert "Xác nhận nhập" in page and 'data-testid="clans-create">3<' in page

    assert counts(confirm(client, preview)) == {"create": 3, "update": 0, "unchanged": 0}
    tran = Clan.objects.select_related("representative").get(code="DH-001")
    assert (tran.name, tran.commune, tran.search_text) == (
        "Họ Trần",
        world.commune,
        "ho tran dh-001",
    )
    assert tran.representative is not None and tran.representative.cccd() == REPRESENTATIVE
    assert members("DH-001") == {"KV1-001", "KV1-002"}
    assert members("DH-002") == {"KV1-003", "KV1-004"} and members("DH-003") == set()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT).count() == 1
    clans_counted = RollupCount.objects.get(indicator="clan", place=world.commune, year=LIVE_YEAR)
    assert clans_counted.denominator == 3  # the dashboards count the imported clans
    last_change = Clan.objects.latest("updated_at").updated_at

    again = confirm(client, upload(client, workbook(*good_rows(world)), world.commune.pk))
    assert counts(again) == {"create": 0, "update": 0, "unchanged": 3}
    assert Clan.objects.count() == 3 and Clan.households.through.objects.count() == 4
    assert Clan.objects.latest("updated_at").updated_at == last_change
    assert AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT).count() == 2


def test_a_re_import_updates_by_code_and_replaces_the_member_set(
    world: World, client_for: Any, homes: dict[str, Household]
) -> None:
    client = client_for(world.commune_officer)
    counts(confirm(client, upload(client, workbook(*good_rows(world)), world.commune.pk)))
    rows = good_rows(world)
    rows[0] = ["DH-001", "Họ Trần Đình", world.commune.code, "", "KV1-002;KV1-003"]
    done = confirm(client, upload(client, workbook(*rows), world.commune.pk))
    assert counts(done) == {"create": 0, "update": 1, "unchanged": 2}
    tran = Clan.objects.get(code="DH-001")
    assert tran.name == "Họ Trần Đình" and tran.search_text.startswith("ho tran dinh")
    assert tran.representative is not None  # an empty CCCD cell keeps the representative
    assert members("DH-001") == {"KV1-002", "KV1-003"}
    assert Clan.objects.count() == 3


def test_member_households_may_live_in_another_commune_the_user_may_see(
    world: World, client_for: Any, homes: dict[str, Household]
) -> None:
    coordinator = client_for(world.coordinator)
    row = ["DH-009", "Họ Phạm", world.commune.code, OTHER_PERSON, "KV1-001;CK-001"]
    counts(confirm(coordinator, upload(coordinator, workbook(row), world.commune.pk)))
    assert members("DH-009") == {"KV1-001", "CK-001"}

    # The commune's officer cannot see CK-001: re-importing without it keeps that member.
    officer = client_for(world.commune_officer)
    row = ["DH-009", "Họ Phạm", world.commune.code, "", "KV1-001;KV1-004"]
    assert counts(confirm(officer, upload(officer, workbook(row), world.commune.pk)))["update"] == 1
    assert members("DH-009") == {"KV1-001", "KV1-004", "CK-001"}


def test_a_file_with_planted_errors_reports_each_by_row_and_saves_nothing(
    world: World, client_for: Any, homes: dict[str, Household]
) -> None:
    code = world.commune.code
    rows = [
        ["DH-001", "Họ Trần", code, REPRESENTATIVE, "KV1-001"],  # row 2: good
        ["", "Họ Nguyễn", code, "", ""],  # 3: no code
        ["DH-003", "", code, "", ""],  # 4: no name
        ["DH-004", "Họ Lê", "", "", ""],  # 5: no commune
        ["DH-005", "Họ Phạm", "99999", "", ""],  # 6: unknown commune
        ["DH-006", "Họ Võ", world.other_commune.code, "", ""],  # 7: outside the chosen commune
        ["DH-001", "Họ Trần", code, "", ""],  # 8: the same clan code as row 2
        ["DH-008", "Họ Đặng", code, "", "KV1-002;KV9-999"],  # 9: unknown household
        ["DH-009", "Họ Huỳnh", code, "", "CK-001"],  # 10: a household the user may not see
        ["DH-010", "Họ Bùi", code, "09218500", ""],  # 11: CCCD not 12 digits
        ["DH-011", "Họ Đỗ", code, "092185009999", ""],  # 12: no such person
        ["DH-012", "Họ Hồ", code, OTHER_PERSON, ""],  # 13: a person the user may not see
        ["DH-013", "Họ Ngô", code, "", "KV1-003; KV1-003"],  # 14: a household twice
    ]
    client = client_for(world.commune_officer)
    preview = upload(client, workbook(*rows), world.commune.pk)
    assert preview.state == Job.State.DONE
    problems = {p["row"]: p["message"] for p in preview.result_value("problems")}
    assert preview.result_value("problem_count") == 12
    assert problems == {
        3: "thiếu mã dòng họ.",
        4: "thiếu tên dòng họ.",
        5: "thiếu mã xã đăng ký.",
        6: "không có xã/phường mã 99999.",
        7: f"xã mã {world.other_commune.code} không thuộc {world.commune.name}: chỉ nhập được"
        " dòng họ của các xã thuộc địa bàn đã chọn.",
        8: "mã dòng họ trùng với dòng 2.",
        9: "không tìm thấy hộ mã KV9-999.",
        10: "không tìm thấy hộ mã CK-001.",
        11: "Số CCCD phải gồm đúng 12 chữ số.",
        12: "không tìm thấy công dân có số CCCD người đại diện trong sổ đăng ký.",
        13: "không tìm thấy công dân có số CCCD người đại diện trong sổ đăng ký.",
        14: "hộ KV1-003 được ghi hai lần trong cùng dòng họ.",
    }
    page = client.get(reverse("registry:import_job", args=[preview.pk])).content.decode()
    assert "Dòng 3: thiếu mã dòng họ." in page and "Xác nhận nhập" not in page
    for number in ("09218500", "092185009999", OTHER_PERSON, REPRESENTATIVE):
        assert number not in page and number not in str(preview.result)
    client.post(reverse("registry:import_confirm", args=[preview.pk]))
    assert Clan.objects.count() == 0
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT).exists()


def test_another_communes_officer_cannot_import_into_this_commune(
    world: World, client_for: Any, homes: dict[str, Household]
) -> None:
    ours = factories.clan(world, "DH-001")
    other = client_for(world.other_officer)
    book = workbook(["DH-777", "Họ Trần", world.commune.code, "", ""])
    data = {"place": world.commune.pk, "file": SimpleUploadedFile("d.xlsx", book.getvalue())}
    response = other.post(reverse("registry:clan_import"), data)
    assert response.status_code == 200 and not Job.objects.exists()  # not a place to choose

    preview = upload(other, book, world.other_commune.pk)
    assert preview.result_value("problems")[0]["row"] == 2
    assert "không thuộc" in preview.result_value("problems")[0]["message"]
    taken = upload(
        other,
        workbook(["DH-001", "Họ Lý", world.other_commune.code, "", ""]),
        world.other_commune.pk,
    )
    assert taken.result_value("problems") == [
        {"row": 2, "message": "mã dòng họ DH-001 đã được dùng ở địa bàn khác."}
    ]
    assert taken.result_value("counts") == {}

    # A job forged with our commune is refused before the file is read.
    job = runner.enqueue(
        function="xhht.registry.imports.jobs.run_import",
        arguments={"kind": "clan", "token": "t", "place_id": world.commune.pk, "write": True},
        title="Nhập",
        user=world.other_officer,
    )
    runner.start(job)
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert Clan.objects.count() == 1 and Clan.objects.get().name == ours.name == "Họ Trần"


def test_the_template_has_the_columns_and_a_guide_and_follows_the_permissions(
    world: World, client_for: Any
) -> None:
    response = client_for(world.commune_officer).get(reverse("registry:clan_template"))
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content), read_only=True)
    header = next(book.worksheets[0].iter_rows(min_row=2, max_row=2))  # under the title row
    assert [c.value for c in header] == HEADERS
    guide = [row[0] for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)]
    assert guide == HEADERS
    page = client_for(world.commune_officer).get(reverse("registry:clan_import"))
    assert world.commune.name in page.content.decode()
    assert world.hamlet.name not in page.content.decode()  # clans register in communes
    for url in ("registry:clan_template", "registry:clan_import"):
        assert client_for(world.citizen).get(reverse(url)).status_code == 403
    listing = client_for(world.commune_officer).get(reverse("registry:clan_list"))
    assert reverse("registry:clan_import") in listing.content.decode()
