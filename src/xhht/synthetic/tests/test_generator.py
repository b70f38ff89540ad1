"""The synthetic population generator (``xhht generate``)."""

from __future__ import annotations

import hashlib
import json
import random
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from xhht.audit.models import AuditEntry
from xhht.core.text import fold, sort_key
from xhht.places.models import Level, Place
from xhht.registry.bulk import PERSON_COLUMNS
from xhht.registry.models import Clan, Household, Person, Unit
from xhht.synthetic import names as tables
from xhht.synthetic.generator import generate
from xhht.synthetic.people import (
    REFERENCE_YEAR,
    Context,
    full_name,
    name_keys,
    sample_household,
)

SCALE = 0.002  # 2,000 people over the test province's four communes


@pytest.fixture
def province(db: None) -> Place:
    province = Place.objects.create(
        level=Level.PROVINCE, code="92", name="Thành phố Cần Thơ", kind="thành phố"
    )
    for code, name, kind in [
        ("31117", "Phường Ninh Kiều", "phường"),
        ("31150", "Phường Cái Răng", "phường"),
        ("31180", "Xã Phong Điền", "xã"),
        ("31210", "Xã Thới Lai", "xã"),
    ]:
        Place.objects.create(level=Level.COMMUNE, code=code, name=name, kind=kind, parent=province)
    other = Place.objects.create(
        level=Level.PROVINCE, code="01", name="Thành phố Hà Nội", kind="thành phố"
    )
    Place.objects.create(
        level=Level.COMMUNE, code="00070", name="Phường Hoàn Kiếm", kind="phường", parent=other
    )
    return province


def canonical_dump() -> str:
    """Everything generated, without primary keys, time stamps or ciphertexts, as one digest."""
    hamlets = Place.objects.filter(level=Level.HAMLET).values_list(
        "code", "name", "kind", "parent__code", "path"
    )
    households = Household.objects.values_list(
        "code", "place__code", "head_name", "address", "search_text", "sort_key"
    )
    people = Person.objects.values_list(
        "household__code",
        "place__code",
        "full_name",
        "sex",
        "birth_date",
        "birth_year",
        "ethnicity",
        "education",
        "occupation",
        "national_id_digest",
        "national_id_last3",
        "relation",
        "unit__code",
        "search_text",
        "sort_key",
    )
    units = Unit.objects.values_list(
        "code",
        "name",
        "kind",
        "school_level",
        "level",
        "place__code",
        "staff_count",
        "digital_learning",
    )
    clans = [
        (
            c.code,
            c.name,
            c.commune.code,
            c.representative and c.representative.full_name,
            sorted(c.households.values_list("code", flat=True)),
        )
        for c in Clan.objects.select_related("commune", "representative")
    ]
    # Hamlet paths hold primary keys: keep only their depth.
    data = {
        "hamlets": sorted((c, n, k, p, path.count("/")) for c, n, k, p, path in hamlets),
        "households": sorted(households),
        "people": sorted(people, key=repr),
        "units": sorted(units),
        "clans": sorted(clans, key=repr),
    }
    return hashlib.sha256(json.dumps(data, default=str).encode()).hexdigest()


def dump_of_a_run(**kwargs: object) -> str:
    """Generate inside a savepoint, dump, and roll back, so the next run starts afresh."""
    with transaction.atomic():
        generate(province_code="92", scale=SCALE, **kwargs)  # type: ignore[arg-type]  # each test passes generate's own options
        digest = canonical_dump()
        transaction.set_rollback(True)
    return digest


def test_one_seed_gives_identical_data_whatever_the_order_of_communes(province: Place) -> None:
    codes = ["31117", "31150", "31180", "31210"]
    first = dump_of_a_run(seed=7, communes=codes)
    again = dump_of_a_run(seed=7, communes=list(reversed(codes)))
    other_seed = dump_of_a_run(seed=8, communes=codes)
    assert first == again
    assert first != other_seed


def test_households_hold_about_three_and_a_half_people(province: Place) -> None:
    stats = generate(province_code="92", scale=SCALE, seed=1)
    assert Person.objects.count() == stats.people >= 2_000
    assert 3.2 < stats.people / Household.objects.count() < 3.8
    assert not Person.objects.filter(household__isnull=True).exists()
    assert Person.objects.filter(relation=Person.Relation.HEAD).count() == stats.households


def test_ages_follow_the_vietnamese_pyramid() -> None:
    rng = random.Random(3)
    ctx = Context("plains", southern=False, urban=False)
    groups: Counter[int] = Counter()
    for _ in range(20_000):
        for member in sample_household(rng, ctx)[1]:
            groups[min((REFERENCE_YEAR - member.birth_year) // 5, 16)] += 1
    people = sum(groups.values())
    expected = sum(tables.PYRAMID)
    for group, share in enumerate(tables.PYRAMID):
        assert abs(groups[group] / people - share / expected) < 0.02, group * 5
    children = sum(groups[g] for g in range(3)) / people
    elderly = sum(groups[g] for g in range(13, 17)) / people
    assert 0.18 < children < 0.28
    assert 0.06 < elderly < 0.13


def test_schooling_and_work_fit_the_age(province: Place) -> None:
    generate(province_code="92", scale=SCALE, seed=1)
    for person in Person.objects.all():
        age = REFERENCE_YEAR - person.birth_year
        if age < 6:
            assert (person.education, person.occupation) == ("none", "other")
        elif age < 15:
            assert person.occupation == "student"
            assert person.education in ("primary", "lower_secondary")
        elif age < 18:
            assert person.education in ("lower_secondary", "upper_secondary")
        if person.education in ("university", "postgraduate"):
            assert age >= 18
        if person.unit_id is not None:
            assert age >= 18


def test_names_are_vietnamese_with_diacritics_and_common_family_names(province: Place) -> None:
    generate(province_code="92", scale=SCALE, seed=1)
    names = list(Person.objects.values_list("full_name", flat=True))
    with_diacritics = [n for n in names if fold(n) != n.lower()]
    assert len(with_diacritics) > 0.9 * len(names)
    families = Counter(name.split()[0] for name in names)
    assert 0.25 < families["Nguyễn"] / len(names) < 0.5
    assert families.most_common(1)[0][0] == "Nguyễn"
    assert families["Trần"] > families["Đặng"] > 0
    assert Person.objects.filter(sex="F", full_name__contains=" Thị ").exists()
    assert not Person.objects.filter(sex="M", full_name__contains=" Thị ").exists()


def test_search_text_and_sort_key_are_those_save_would_write(province: Place) -> None:
    generate(province_code="92", scale=SCALE, seed=1)
    for person in Person.objects.all()[:300]:
        assert person.search_text == fold(person.search_source())
        assert person.sort_key == sort_key(person.sort_source())
    for household in Household.objects.all()[:100]:
        assert household.search_text == fold(household.search_source())[:255]
        assert household.sort_key == sort_key(household.sort_source())


def test_name_keys_put_together_from_words_equal_the_keys_of_whole_names() -> None:
    rng = random.Random(5)
    for region in ("plains", "northern_mountains", "central_highlands", "mekong"):
        ctx = Context(region, southern=region == "mekong", urban=True)
        for _ in range(200):
            for member in sample_household(rng, ctx)[1]:
                name = full_name(member)
                folded, person_key, household_key = name_keys(member)
                assert folded == fold(name)
                assert person_key == sort_key(f"{member.given} {name}")
                assert household_key == sort_key(name)


def test_adults_get_a_structured_cccd_stored_only_encrypted_and_hashed(province: Place) -> None:
    generate(province_code="92", scale=SCALE, seed=1)
    for person in Person.objects.all():
        age = REFERENCE_YEAR - person.birth_year
        if age < 14:
            assert person.national_id_digest is None
            continue
        number = person.cccd()
        century_sex = 2 * (person.birth_year // 100 - 19) + (person.sex == "F")
        assert number[:3] == "092"
        assert number[3] == str(century_sex)
        assert number[4:6] == f"{person.birth_year % 100:02d}"
        assert number not in person.national_id_encrypted
        assert Person.objects.with_cccd(number).get() == person
    digests = Person.objects.exclude(national_id_digest=None).values_list(
        "national_id_digest", flat=True
    )
    assert len(set(digests)) == len(digests)


def test_writes_in_bounded_batches(province: Place) -> None:
    stats = generate(province_code="92", scale=SCALE, seed=1, batch_size=200)
    assert stats.largest_batch <= 200 + 8  # a batch closes after the household that fills it
    assert stats.batches >= stats.people // 208
    assert stats.batches >= 4  # at least one per commune


def test_only_the_province_communes_are_populated(province: Place) -> None:
    stats = generate(province_code="92", scale=SCALE, seed=1)
    communes = set(Place.objects.filter(parent=province).values_list("pk", flat=True))
    hamlets = Place.objects.filter(level=Level.HAMLET)
    assert stats.communes == 4
    assert set(hamlets.values_list("parent", flat=True)) == communes
    for hamlet in hamlets:
        assert hamlet.path.startswith(province.path) and hamlet.path.endswith(f"/{hamlet.pk}/")
        assert hamlet.code.startswith(f"{hamlet.parent.code}-")  # type: ignore[union-attr]  # a hamlet always has a parent
    assert not Person.objects.exclude(place__in=hamlets).exists()
    assert set(Unit.objects.values_list("place", flat=True)) == communes
    assert not Place.objects.filter(parent__code="00070").exists()


def test_hamlet_kinds_fit_the_commune(province: Place) -> None:
    generate(province_code="92", scale=SCALE, seed=1)
    kinds = dict(Place.objects.filter(level=Level.HAMLET).values_list("parent__kind", "kind"))
    assert kinds == {"phường": "khu vực", "xã": "ấp"}
    assert Place.objects.filter(level=Level.HAMLET, name="Ấp 1").exists()


def test_each_commune_has_schools_an_agency_and_staff(province: Place) -> None:
    generate(province_code="92", scale=SCALE, seed=1)
    for commune in Place.objects.filter(parent=province):
        units = Unit.objects.filter(place=commune)
        levels = set(units.values_list("school_level", flat=True))
        assert {"preschool", "primary", "lower_secondary"} <= levels
        assert units.filter(name__startswith="Ủy ban nhân dân").count() == 1
        assert units.filter(kind=Unit.Kind.ENTERPRISE).exists()
    for unit in Unit.objects.all():
        assert unit.staff_count == unit.staff.count()
    assert Person.objects.exclude(unit=None).exists()


def test_clans_gather_households_of_their_family_name_across_hamlets(province: Place) -> None:
    generate(province_code="92", scale=SCALE, seed=1)
    clans = list(Clan.objects.all())
    assert clans
    spanning = 0
    for clan in clans:
        family = clan.name.removeprefix("Dòng họ ").split()[0]
        heads = Person.objects.filter(household__clans=clan, relation=Person.Relation.HEAD)
        assert all(name.startswith(family) for name in heads.values_list("full_name", flat=True))
        assert clan.representative_id in set(heads.values_list("pk", flat=True))
        spanning += clan.households.values("place").distinct().count() > 1
    assert spanning > 0


def test_one_audit_entry_per_commune_and_a_rerun_changes_nothing(province: Place) -> None:
    generate(province_code="92", scale=SCALE, seed=1)
    people = Person.objects.count()
    entries = AuditEntry.objects.filter(step="generate_population")
    assert entries.count() == 4
    assert all(
        (after or {}).get("people", 0) > 0 for after in entries.values_list("after", flat=True)
    )
    again = generate(province_code="92", scale=SCALE, seed=1)
    assert (again.skipped, again.people) == (4, 0)
    assert Person.objects.count() == people


def test_the_command_reports_what_it_made(
    province: Place, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("generate", province="92", scale=0.0005, seed=2)
    out = capsys.readouterr().out
    assert "4 xã (0 bỏ qua)" in out
    assert "`xhht rebuild_rollups --province 92`" in out


def test_after_the_whole_nation_it_names_a_rebuild_that_runs(
    province: Place, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("generate", province="all", scale=0.0005, seed=2)
    hint = capsys.readouterr().out.split("`")[1]
    assert hint == "xhht rebuild_rollups"
    call_command(*hint.split()[1:])
    assert "Đã tính lại" in capsys.readouterr().out
    with pytest.raises(Exception, match="Không có tỉnh"):
        call_command("generate", province="99", scale=0.0005, seed=2)


def test_person_columns_are_exactly_the_model_fields() -> None:
    model = {f.attname for f in Person._meta.concrete_fields} - {"id"}
    assert set(PERSON_COLUMNS) == model
    assert len(PERSON_COLUMNS) == len(model)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="a SQLite setting")
def test_the_sqlite_page_cache_follows_its_variable(
    province: Place, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XHHT_GENERATOR_CACHE_MIB", "256")
    generate(province_code="92", scale=SCALE, seed=3)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        assert cursor.fetchone()[0] == -256 * 1024
    monkeypatch.setenv("XHHT_GENERATOR_CACHE_MIB", "lots")
    with pytest.raises(Exception, match="XHHT_GENERATOR_CACHE_MIB"):
        generate(province_code="92", scale=SCALE, seed=3)
