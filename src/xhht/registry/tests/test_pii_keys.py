"""The CCCD key: its own setting, independent of the secret key, and rotated without downtime."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from xhht.registry import pii
from xhht.registry.models import Person
from xhht.registry.tests import factories
from xhht.testing.world import World

pytestmark = pytest.mark.django_db

OLD = "old-pii-key-for-tests-0123456789abcdef"
NEW = "new-pii-key-for-tests-fedcba9876543210"


@contextmanager
def keys(**settings: Any) -> Iterator[None]:
    """Changed settings, with every key derived from them forgotten before and after (whatever
    module-level caches registry.pii keeps)."""

    def forget() -> None:
        for value in list(vars(pii).values()):
            if hasattr(value, "cache_clear"):
                value.cache_clear()

    with override_settings(**settings):
        forget()
        try:
            yield
        finally:
            forget()
    forget()


def person_page(client_for: Any, world: World, person: Person) -> tuple[int, str]:
    response = client_for(world.commune_officer).get(
        reverse("registry:person_detail", args=[person.pk])
    )
    return response.status_code, response.content.decode()


def test_changing_the_secret_key_leaves_the_cccd_readable(world: World, client_for: Any) -> None:
    person = factories.person(world)
    with keys(SECRET_KEY="a-completely-different-secret-key-after-rotation-0123456789"):
        status, page = person_page(client_for, world, person)
        assert status == 200
        assert factories.CCCD in page
        assert Person.objects.with_cccd(factories.CCCD).get() == person


def test_a_cccd_no_key_can_read_shows_masked_and_marked_instead_of_an_error(
    world: World, client_for: Any
) -> None:
    with keys(XHHT_PII_KEY=OLD):
        person = factories.person(world)
    with keys(XHHT_PII_KEY=NEW, XHHT_PII_OLD_KEYS=[]):
        status, page = person_page(client_for, world, person)
    assert status == 200
    assert "*********234 (không giải mã được)" in page
    assert factories.CCCD not in page


def test_old_keys_stay_readable_until_rotation_moves_every_row_to_the_new_key(
    world: World,
) -> None:
    with keys(XHHT_PII_KEY=OLD):
        people = [factories.person(world, cccd=f"0921850012{i:02d}") for i in range(5)]
    with keys(XHHT_PII_KEY=NEW, XHHT_PII_OLD_KEYS=[OLD]):
        # During the rotation: the old rows read and are found by number.
        assert [p.cccd() for p in Person.objects.order_by("pk")] == [
            f"0921850012{i:02d}" for i in range(5)
        ]
        assert Person.objects.with_cccd("092185001203").get() == people[3]
        newcomer = factories.person(world, cccd="092185009999", name="Lê Văn Mới")
        out = StringIO()
        call_command("rotate_pii_key", batch_size=2, stdout=out)
        assert "Xong: 5 mã hóa lại, 1 không đổi, 0 không giải mã được" in out.getvalue()
        again = StringIO()
        call_command("rotate_pii_key", stdout=again)
        assert "Xong: 0 mã hóa lại, 6 không đổi" in again.getvalue()
    with keys(XHHT_PII_KEY=NEW, XHHT_PII_OLD_KEYS=[]):  # the old key removed
        for person in Person.objects.all():
            assert pii.is_current(person.national_id_encrypted, person.national_id_digest)
        assert Person.objects.with_cccd("092185001203").get() == people[3]
        assert Person.objects.with_cccd("092185009999").get() == newcomer
        assert Person.objects.get(pk=people[0].pk).cccd() == "092185001200"


def test_rotation_reports_a_row_no_key_reads_and_fails(world: World) -> None:
    with keys(XHHT_PII_KEY=OLD):
        factories.person(world)
    with keys(XHHT_PII_KEY=NEW, XHHT_PII_OLD_KEYS=[]), pytest.raises(Exception, match="keep"):
        call_command("rotate_pii_key", stdout=StringIO(), stderr=StringIO())


def settings_in_production(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "import xhht.settings"],
        env={"PATH": os.environ["PATH"], "XHHT_DATA_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_its_own_pii_key(tmp_path: Path) -> None:
    secret = "production-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
    missing = settings_in_production(tmp_path, XHHT_SECRET_KEY=secret)
    assert missing.returncode != 0 and "XHHT_PII_KEY is not set" in missing.stderr
    same = settings_in_production(tmp_path, XHHT_SECRET_KEY=secret, XHHT_PII_KEY=secret)
    assert same.returncode != 0 and "must differ from XHHT_SECRET_KEY" in same.stderr
    short = settings_in_production(tmp_path, XHHT_SECRET_KEY=secret, XHHT_PII_KEY="short")
    assert short.returncode != 0 and "32 characters" in short.stderr
    good = settings_in_production(tmp_path, XHHT_SECRET_KEY=secret, XHHT_PII_KEY=NEW)
    assert good.returncode == 0, good.stderr


def test_a_development_server_keeps_its_generated_key_in_the_data_folder(
    tmp_path: Path,
) -> None:
    with keys(XHHT_PII_KEY="", DATA_DIR=tmp_path, DEBUG=True):
        first = pii.encrypt_cccd(factories.CCCD)
        key = (tmp_path / "pii-key").read_text()
        assert len(key) >= 32 and (tmp_path / "pii-key").stat().st_mode & 0o077 == 0
    with keys(XHHT_PII_KEY="", DATA_DIR=tmp_path, SECRET_KEY="another-secret-key-" * 3):
        assert pii.decrypt_cccd(first) == factories.CCCD


def test_during_a_rotation_an_import_finds_people_stored_under_the_old_key(
    world: World, client_for: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from xhht.jobs.models import Job
    from xhht.registry.tests import workbooks

    number = workbooks.row(0, world.hamlet.name)[10]
    with keys(XHHT_PII_KEY=OLD):
        factories.person(world, cccd=number)  # in household KV1-001, not the sheet's H000000
    with keys(XHHT_PII_KEY=NEW, XHHT_PII_OLD_KEYS=[OLD]):
        book = SimpleUploadedFile("ho.xlsx", workbooks.workbook(1, world.hamlet.name).getvalue())
        client_for(world.commune_officer).post(
            reverse("registry:household_import"), {"place": world.commune.pk, "file": book}
        )
        preview = Job.objects.latest("pk")
    assert not preview.result_value("ok")  # the same person, not a second one with that number
    assert "thành viên của một hộ khác" in preview.result_value("problems")[0]["message"]
    assert Person.objects.count() == 1


def test_during_a_rotation_a_clan_import_finds_its_representative_under_the_old_key(
    world: World, client_for: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from xhht.jobs.models import Job
    from xhht.registry.models import Clan
    from xhht.registry.tests.test_import_clans import workbook

    with keys(XHHT_PII_KEY=OLD):
        representative = factories.person(world)
    with keys(XHHT_PII_KEY=NEW, XHHT_PII_OLD_KEYS=[OLD]):
        book = workbook(["DH-001", "Họ Trần", world.commune.code, factories.CCCD, ""])
        officer = client_for(world.commune_officer)
        data = {"place": world.commune.pk, "file": SimpleUploadedFile("dh.xlsx", book.getvalue())}
        officer.post(reverse("registry:clan_import"), data)
        preview = Job.objects.latest("pk")
        assert preview.result_value("ok"), preview.result_value("problems")
        officer.post(reverse("registry:import_confirm", args=[preview.pk]))
    assert Clan.objects.get(code="DH-001").representative == representative
