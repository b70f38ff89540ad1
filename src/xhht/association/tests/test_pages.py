"""The association's pages: the scope each officer sees (a commune's officer their commune's
branches, the province's all of them, another commune's branch a 404), the member pages and the
yearly figures with their XLSX export, in a fixed number of queries."""

from __future__ import annotations

import datetime
import re
from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from xhht.association.models import Branch, Member
from xhht.association.tests import factories
from xhht.testing.clients import ClientFor
from xhht.testing.world import World


def _names(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined, no-any-return]  # a test response


def test_a_commune_officer_sees_only_the_commune_s_branches(
    world: World, client_for: ClientFor
) -> None:
    world.once("chapter", factories.chapter)
    other = world.once("other_branch", factories.other_branch)
    page = _names(client_for(world.association_officer).get(reverse("association:branch_list")))
    assert "Hội Khuyến học phường Ninh Kiều" in page
    assert "Chi hội khuyến học khu vực 1" in page
    assert "Cái Khế" not in page
    province = world.once("province_branch", factories.province_branch)
    assert reverse("association:branch_detail", args=[province.pk]) not in page  # named as parent
    response = client_for(world.association_officer).get(
        reverse("association:branch_detail", args=[other.pk])
    )
    assert response.status_code == 404


def test_the_province_association_sees_every_branch_of_the_province(
    world: World, client_for: ClientFor
) -> None:
    world.once("chapter", factories.chapter)
    world.once("other_branch", factories.other_branch)
    client = client_for(world.province_association_officer)
    page = _names(client.get(reverse("association:branch_list")))
    for name in ("thành phố Cần Thơ", "phường Ninh Kiều", "khu vực 1", "phường Cái Khế"):
        assert name in page
    assert "Cái Khế" not in _names(
        client_for(world.outsider).get(reverse("association:branch_list"))
    )


def test_the_branch_list_takes_a_fixed_number_of_queries(
    world: World, client_for: ClientFor, django_assert_max_num_queries: object
) -> None:
    parent = world.once("commune_branch", factories.commune_branch)
    for n in range(30):
        branch = Branch.objects.create(
            name=f"Chi hội {n}", kind=Branch.Kind.CHAPTER, place=world.hamlet, parent=parent
        )
        factories.member(world, branch=branch)
    client = client_for(world.province_association_officer)
    with django_assert_max_num_queries(10):  # type: ignore[operator]  # pytest-django's fixture
        response = client.get(reverse("association:branch_list"))
    assert response.status_code == 200
    assert len(re.findall(r'href="/association/branches/\d+/"', _names(response))) == 32


def test_a_branch_page_pages_and_searches_its_members_without_diacritics(
    world: World, client_for: ClientFor, django_assert_max_num_queries: object
) -> None:
    chapter = world.once("chapter", factories.chapter)
    for n in range(60):
        factories.member(world, name=f"Nguyễn Văn Hội Viên {n:02d}")
    factories.member(world, name="Trần Thị Bình")
    client = client_for(world.association_officer)
    url = reverse("association:branch_detail", args=[chapter.pk])
    with django_assert_max_num_queries(14):  # type: ignore[operator]  # pytest-django's fixture
        first = _names(client.get(url))
    assert "Trang 1/2" in first
    found = _names(client.get(url, {"q": "tran thi binh"}))
    assert "Trần Thị Bình" in found
    assert "Hội Viên 01" not in found


def test_the_officer_adds_a_member_from_the_registry_and_another_by_name(
    world: World, client_for: ClientFor
) -> None:
    chapter = world.once("chapter", factories.chapter)
    person = factories.registry_person(world)
    client = client_for(world.association_officer)
    url = reverse("association:member_add", args=[chapter.pk])
    search = _names(client.get(url, {"q": "nguyen van an"}))
    assert f'value="{person.pk}"' in search
    today = datetime.date.today().isoformat()
    response = client.post(url, {"person": person.pk, "role": "chapter_head", "joined_on": today})
    assert response.status_code == 302
    response = client.post(
        url,
        {"full_name": "Võ Thị Hoa", "birth_year": "1990", "role": "member", "joined_on": today},
    )
    assert response.status_code == 302
    members = dict(chapter.members.values_list("full_name", "person_id"))
    assert members == {"Nguyễn Văn An": person.pk, "Võ Thị Hoa": None}
    again = client.post(url, {"person": person.pk, "role": "member", "joined_on": today})
    assert again.status_code == 400
    assert "Người này đã là hội viên của chi hội." in _names(again)


def test_a_member_leaving_is_refused_without_a_reason_then_recorded(
    world: World, client_for: ClientFor
) -> None:
    member = factories.member(world)
    client = client_for(world.association_officer)
    url = reverse("association:member_leave", args=[member.pk])
    refused = client.post(url, {"left_on": "2025-06-01", "reason": ""})
    assert refused.status_code == 200
    assert Member.objects.get(pk=member.pk).left_on is None
    assert client.post(url, {"left_on": "2025-06-01", "reason": "Đã mất"}).status_code == 302
    member.refresh_from_db()
    assert (member.left_on, member.leave_reason) == (datetime.date(2025, 6, 1), "Đã mất")


def test_the_yearly_figures_count_members_at_the_year_end_and_export_them(
    world: World, client_for: ClientFor
) -> None:
    chapter = world.once("chapter", factories.chapter)
    Member.objects.create(
        branch=chapter, full_name="A", joined_on=datetime.date(2023, 5, 1)
    )  # member all of 2024
    Member.objects.create(
        branch=chapter, full_name="B", joined_on=datetime.date(2024, 2, 1)
    )  # joined in 2024
    Member.objects.create(
        branch=chapter,
        full_name="C",
        joined_on=datetime.date(2020, 1, 1),
        left_on=datetime.date(2024, 7, 1),
    )  # left in 2024
    Member.objects.create(
        branch=chapter, full_name="D", joined_on=datetime.date(2025, 1, 2)
    )  # not yet in 2024
    totals = Branch.objects.create(
        name="Ban khuyến học Trường Tiểu học",
        kind=Branch.Kind.BOARD,
        place=world.commune,
        keeps_totals=True,
    )
    totals.figures.create(year=2024, members=20, joined=3, left=1)
    client = client_for(world.province_association_officer)
    page = _names(client.get(reverse("association:figures"), {"year": 2024}))
    assert "số đã nhập" in page
    response = client.get(reverse("association:figures_export"), {"year": 2024})
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content), read_only=True)
    rows = {row[0]: row[1:] for row in book.worksheets[0].iter_rows(min_row=3, values_only=True)}
    assert rows["Chi hội khuyến học khu vực 1"][2:5] == (2, 1, 1)
    assert rows["Ban khuyến học Trường Tiểu học"][2:6] == (20, 3, 1, "Số đã nhập")
    levels = {row[0]: row[1:] for row in book.worksheets[1].iter_rows(min_row=3, values_only=True)}
    # four branches (the province's and commune's own have no members): 2 + 20 members
    assert levels["Tổng cộng"] == (4, 22, 4, 2)


def test_a_commune_officer_adds_the_commune_s_association_under_the_city_s(
    world: World, client_for: ClientFor
) -> None:
    city = world.once("province_branch", factories.province_branch)
    other = world.once("other_branch", factories.other_branch)
    client = client_for(world.association_officer)
    url = reverse("association:branch_create")
    form = _names(client.get(url))
    assert f'<option value="{city.pk}">{city.name}</option>' in form  # above the officer's scope
    assert other.name not in form  # another commune's
    response = client.post(
        url,
        {
            "name": "Hội Khuyến học phường Ninh Kiều",
            "kind": "association",
            "place": world.commune.pk,
            "parent": city.pk,
        },
    )
    assert response.status_code == 302
    branch = Branch.objects.get(place=world.commune)
    assert branch.parent == city
    refused = client.post(
        url, {"name": "Hội ở phường khác", "kind": "association", "place": world.other_commune.pk}
    )
    assert refused.status_code == 200  # the place is not one of the officer's
    assert not Branch.objects.filter(name="Hội ở phường khác").exists()


def test_a_totals_only_branch_gets_its_year_entered_from_its_page(
    world: World, client_for: ClientFor
) -> None:
    board = Branch.objects.create(
        name="Ban khuyến học", kind=Branch.Kind.BOARD, place=world.hamlet, keeps_totals=True
    )
    client = client_for(world.association_officer)
    page = _names(client.get(reverse("association:branch_detail", args=[board.pk])))
    assert reverse("association:figure_entry", args=[board.pk]) in page
    url = reverse("association:figure_entry", args=[board.pk])
    data = {"year": 2024, "members": 25, "joined": 2, "left": 1, "source": "Báo cáo năm"}
    assert client.post(url, data).status_code == 302
    assert board.figures.get(year=2024).members == 25


def test_the_figures_page_takes_a_fixed_number_of_queries(
    world: World, client_for: ClientFor, django_assert_max_num_queries: object
) -> None:
    parent = world.once("commune_branch", factories.commune_branch)
    for n in range(25):
        branch = Branch.objects.create(
            name=f"Chi hội {n}", kind=Branch.Kind.CHAPTER, place=world.hamlet, parent=parent
        )
        factories.member(world, branch=branch)
    client = client_for(world.province_association_officer)
    with django_assert_max_num_queries(12):  # type: ignore[operator]  # pytest-django's fixture
        response = client.get(reverse("association:figures"), {"year": 2024})
    assert 'data-testid="total-members">25<' in _names(response)
