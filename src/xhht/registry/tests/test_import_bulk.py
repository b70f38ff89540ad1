"""Issue 19: the households import's bulk paths equal the per-value ones, and the confirmation
writes the rows its preview kept only while what they were checked against is unchanged."""

from __future__ import annotations

import base64
import os
from typing import Any

import pytest
from cryptography.fernet import Fernet

from xhht.jobs.models import Job
from xhht.registry import pii
from xhht.registry.imports import households as households_import
from xhht.registry.imports import jobs as import_jobs
from xhht.registry.imports.household_rows import kept_path
from xhht.registry.imports.name_keys import NameKeys
from xhht.registry.models import Household, Person
from xhht.registry.tests import workbooks
from xhht.registry.tests.test_import_households import confirm, counts, upload
from xhht.testing.clients import ClientFor
from xhht.testing.world import World

NAMES = [
    "Nguyễn Văn An 12",
    "Đặng Thị Ánh",
    "  Trần   Thị\u00a0Bình  ",
    "Lê Văn Tám 8 tuổi 2",
    "Nguyễn Văn An 1",
    "",
    "Phạm",
    "Võ Thị Hồng Nhung",
    "Y Nguye\u0302\u0303n",  # combining marks typed separately
    "Ha\u0300 \u0301",  # a word of a combining mark alone
    "Huỳnh İlker O'Neil-Đỗ",
    "Ngô Bảo Châu ²",
]


def test_bulk_encryption_is_fernet_and_reads_back() -> None:
    numbers = ["092000000123", "001234567890", "", "1" * 40]
    key = pii._current_fernet_key()
    ivs = [os.urandom(16) for _n in numbers]
    fernet = Fernet(base64.urlsafe_b64encode(key))
    one_by_one = [fernet._encrypt_from_parts(n.encode(), 1_700_000_000, iv) for n, iv in zip(numbers, ivs, strict=True)]  # fmt: skip
    bulk = pii.encrypt_with_parts([n.encode() for n in numbers], 1_700_000_000, ivs, key)
    assert bulk == [token.decode() for token in one_by_one]
    tokens = pii.encrypt_cccd_many(numbers[:2])
    assert [pii.decrypt_cccd(t) for t in tokens] == numbers[:2]
    assert tokens[0] != pii.encrypt_cccd_many(numbers[:1])[0]  # a new IV every time
    assert pii.cccd_digests_many(numbers[:2]) == [pii.cccd_digests(n) for n in numbers[:2]]


@pytest.mark.django_db
def test_name_keys_are_the_models() -> None:
    keys = NameKeys()
    for name in NAMES * 2:  # the second time from the words remembered
        person = Person(full_name=name)
        person.refresh_keys()
        assert keys.of(name) == (person.search_text, person.sort_key), name
        household = Household(code=f"H-{len(name)} 12", head_name=name, address=f"{name} số 3")
        household.refresh_keys()
        assert keys.of_household(household.code, name, household.address) == (
            household.search_text,
            household.sort_key,
        ), name


def _no_file(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("the confirmation read the file again")


@pytest.mark.django_db
def test_the_confirmation_writes_the_kept_rows_as_the_model_would_and_counts_match_a_rebuild(
    world: World, client_for: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.core.files.storage import default_storage

    from xhht.indicators import rebuild as rebuild_module
    from xhht.indicators.models import RollupCount

    client = client_for(world.commune_officer)
    preview = upload(client, workbooks.workbook(40, world.hamlet.name), world.commune.pk)
    token = preview.arguments["token"]
    assert default_storage.exists(kept_path(token))
    monkeypatch.setattr(households_import, "iter_sheet", _no_file)
    monkeypatch.setattr(import_jobs, "count_rows", _no_file)
    done = confirm(client, preview)
    assert counts(done)["people"]["create"] == 40
    assert not default_storage.exists(kept_path(token))  # deleted with the upload
    for i, person in enumerate(Person.objects.order_by("household__code")):
        expected = Person(full_name=person.full_name)
        expected.refresh_keys()
        number = workbooks.row(i, world.hamlet.name)[10]
        assert (person.search_text, person.sort_key) == (expected.search_text, expected.sort_key)
        assert pii.decrypt_cccd(person.national_id_encrypted) == number
        assert (person.national_id_digest, person.national_id_last3) == (
            pii.cccd_digest(number),
            number[-3:],
        )
        assert person.household is not None and person.household.code == f"H{i:06d}"
    household = Household.objects.get(code="H000003")
    expected_household = Household(code="H000003", head_name=household.head_name)
    expected_household.address = household.address
    expected_household.refresh_keys()
    assert household.search_text == expected_household.search_text
    assert household.sort_key == expected_household.sort_key

    def kept() -> dict[tuple[str, int | None, int], tuple[int, int]]:
        return {
            (r.indicator, r.place_id, r.year): (r.numerator, r.denominator)
            for r in RollupCount.objects.all()
            if r.numerator or r.denominator
        }

    after_import = kept()
    assert after_import
    rebuild_module.rebuild()
    assert kept() == after_import


@pytest.mark.django_db
def test_a_change_in_the_registry_since_the_preview_is_seen_by_the_confirmation(
    world: World, client_for: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = client_for(world.commune_officer)
    book = workbooks.workbook(10, world.hamlet.name)
    first = upload(client, book, world.commune.pk)
    assert counts(first)["households"] == {"create": 10, "update": 0, "unchanged": 0}
    # Someone records household H000004 in the commune between the preview and the confirmation.
    Household.objects.create(code="H000004", place=world.hamlet, head_name="Người Khác")
    monkeypatch.setattr(households_import, "iter_sheet", _no_file)
    done = confirm(client, first)
    assert counts(done)["households"] == {"create": 9, "update": 1, "unchanged": 0}
    assert Household.objects.get(code="H000004").head_name == workbooks.row(4, "")[3]
    monkeypatch.undo()
    # A code taken elsewhere since the preview: refused, nothing saved.
    again = upload(client, workbooks.workbook(12, world.hamlet.name), world.commune.pk)
    Household.objects.create(code="H000011", place=world.other_hamlet, head_name="Ở xã khác")
    monkeypatch.setattr(households_import, "iter_sheet", _no_file)
    refused = confirm(client, again)
    assert refused.result_value("ok") is False
    assert "Dòng 13: mã hộ H000011 đã được dùng cho một hộ ở địa bàn khác." in [
        f"Dòng {p['row']}: {p['message']}" for p in refused.result_value("problems")
    ]
    assert not Household.objects.filter(code="H000010").exists()


@pytest.mark.django_db
def test_a_renamed_hamlet_since_the_preview_makes_the_confirmation_read_the_file_again(
    world: World, client_for: ClientFor
) -> None:
    client = client_for(world.commune_officer)
    preview = upload(client, workbooks.workbook(5, world.hamlet.name), world.commune.pk)
    assert preview.state == Job.State.DONE
    world.hamlet.name = "Khu vực Mới"
    world.hamlet.save()
    refused = confirm(client, preview)
    assert refused.result_value("ok") is False
    assert refused.result_value("problem_count") == 5  # each row: no such hamlet
    assert Household.objects.count() == 0
