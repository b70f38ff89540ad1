"""The fund pages: a commune branch's officer sees and writes only their own fund, the province
association sees every fund of the province; the list and the ledger read a fixed number of
queries whatever the number of funds or entries; the forms take amounts as people type them."""

from __future__ import annotations

import datetime
from typing import Any

from django.test import Client
from django.urls import reverse

from xhht.association import funds
from xhht.association.models import FundEntry
from xhht.association.tests import fund_factories as f
from xhht.testing.world import World

D = datetime.date
MARCH = D(2025, 3, 1)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _gift(world: World, fund: Any, amount: int, day: D = MARCH) -> FundEntry:
    return funds.record_receipt(
        user=world.admin, fund=fund, donor="Nhà hảo tâm", amount=amount, date=day
    )


def test_the_commune_officer_sees_only_their_own_fund_the_province_sees_all(world: World) -> None:
    own, other = f.fund(world), f.other_fund(world)
    _gift(world, own, 1_500_000)
    commune = _client(world.association_officer)
    page = commune.get(reverse("association:fund_list")).content.decode()
    assert own.name in page and other.name not in page
    assert "1.500.000 đ" in page
    assert commune.get(reverse("association:fund_detail", args=[other.pk])).status_code == 404
    assert commune.get(reverse("association:fund_receipt", args=[other.pk])).status_code == 404
    province = _client(world.province_association_officer)
    page = province.get(reverse("association:fund_list")).content.decode()
    assert own.name in page and other.name in page


def test_the_list_and_the_ledger_read_a_fixed_number_of_queries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    fund = f.fund(world)
    for place in (world.other_commune, world.hamlet, world.other_hamlet):
        _gift(world, f.fund_at(place), 100_000)
    for day in range(1, 21):
        _gift(world, fund, 10_000 * day, D(2025, 1, day))
    client = _client(world.province_association_officer)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("association:fund_list")).status_code == 200
    with django_assert_max_num_queries(14):
        page = client.get(reverse("association:fund_detail", args=[fund.pk]) + "?year=2025")
    assert page.content.decode().count("PT 2025/") == 20


def test_a_receipt_typed_with_dots_is_recorded_in_whole_dong(world: World) -> None:
    fund = f.fund(world)
    client = _client(world.association_officer)
    response = client.post(
        reverse("association:fund_receipt", args=[fund.pk]),
        {"donor_name": "Ông Phạm Văn Hảo", "amount": "1.500.000", "date": "2025-05-01"},
    )
    assert response.status_code == 302
    entry = FundEntry.objects.get()
    assert (entry.amount, entry.party_name, entry.donor_kind) == (
        1_500_000,
        "Ông Phạm Văn Hảo",
        "named",
    )


def test_a_receipt_with_letters_in_the_amount_says_what_to_fix_and_writes_nothing(
    world: World,
) -> None:
    fund = f.fund(world)
    response = _client(world.association_officer).post(
        reverse("association:fund_receipt", args=[fund.pk]),
        {"donor_name": "Bà Hoa", "amount": "1,5 triệu", "date": "2025-05-01"},
    )
    assert response.status_code == 200
    assert (
        "Số tiền là số đồng nguyên, chỉ gồm chữ số, ví dụ 1.500.000." in response.content.decode()
    )
    assert not FundEntry.objects.exists()


def test_a_donor_is_found_in_the_registry_by_a_search_without_diacritics(world: World) -> None:
    fund = f.fund(world)
    f.pupil(world, "Nguyễn Văn Ân")
    page = _client(world.association_officer).get(
        reverse("association:fund_receipt", args=[fund.pk]) + "?q=nguyen van an"
    )
    assert "Nguyễn Văn Ân" in page.content.decode()


def test_an_overdraft_from_the_form_is_shown_and_nothing_written(world: World) -> None:
    fund = f.fund(world)
    pupil = f.pupil(world)
    _gift(world, fund, 100_000)
    response = _client(world.association_officer).post(
        reverse("association:fund_disbursement", args=[fund.pk]),
        {"recipient": pupil.pk, "purpose": "scholarship", "amount": "500000", "date": "2025-06-01"},
        follow=True,
    )
    assert "Không chi được: số dư của quỹ không đủ" in response.content.decode()
    assert not FundEntry.objects.filter(kind="disbursement").exists()


def test_a_correction_from_its_page_links_the_new_entry(world: World) -> None:
    fund = f.fund(world)
    entry = _gift(world, fund, 1_000_000)
    client = _client(world.association_officer)
    response = client.post(
        reverse("association:fund_entry_correct", args=[entry.pk]),
        {"new_amount": "800.000", "reason": "Nhầm số tiền", "date": "2025-03-02"},
    )
    assert response.status_code == 302
    correction = FundEntry.objects.get(corrects=entry)
    assert (correction.amount, correction.lowers) == (200_000, True)
    page = client.get(reverse("association:fund_detail", args=[fund.pk]) + "?year=2025")
    assert "Điều chỉnh PT 2025/1: Nhầm số tiền" in page.content.decode()
    assert "-200.000 đ" in page.content.decode()


def test_the_ledger_names_receipts_thu_not_thursday(world: World) -> None:
    """Django's Vietnamese catalogue turns a bare "Thu" into "Thứ 5" (Thursday): the ledger said
    "Thứ 5" for every receipt and headed the year's receipts column with it."""
    fund = f.fund(world)
    _gift(world, fund, 200_000)
    page = _client(world.association_officer).get(
        reverse("association:fund_detail", args=[fund.pk]) + "?year=2025"
    )
    text = page.content.decode()
    assert "Thứ 5" not in text
    assert "Tổng thu" in text and "· Thu<br>" in text


def test_the_branch_page_links_its_fund_for_who_keeps_it(world: World) -> None:
    fund = f.fund(world)
    url = reverse("association:branch_detail", args=[fund.branch.pk])
    link = reverse("association:fund_detail", args=[fund.pk])
    assert link in _client(world.association_officer).get(url).content.decode()
    page = _client(world.commune_officer).get(url)  # reads the branch, not the fund
    assert page.status_code == 200 and link not in page.content.decode()
