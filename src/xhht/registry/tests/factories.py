"""Registry records for tests and the permission matrix, placed in the test world."""

from __future__ import annotations

from xhht.accounts.models import User
from xhht.jobs.models import Job
from xhht.places.models import Place
from xhht.registry.models import Clan, Household, Person, Unit
from xhht.testing.world import World

CCCD = "092185001234"


def household(w: World, code: str = "KV1-001", place: Place | None = None) -> Household:
    return Household.objects.create(
        code=code, place=place or w.hamlet, head_name="Nguyễn Văn An", address="12 Mậu Thân"
    )


def person(
    w: World, cccd: str = CCCD, name: str = "Nguyễn Văn An", home: Household | None = None
) -> Person:
    home = home or w.once("household", household)
    member = Person(
        full_name=name,
        sex=Person.Sex.MALE,
        birth_year=1980,
        place=home.place,
        household=home,
        relation=Person.Relation.HEAD,
    )
    member.set_cccd(cccd)
    member.save()
    return member


def unit(w: World, code: str = "DV-001", place: Place | None = None) -> Unit:
    return Unit.objects.create(
        code=code,
        name="Trường Tiểu học Ninh Kiều",
        kind=Unit.Kind.SCHOOL,
        level=Unit.Level.COMMUNE,
        place=place or w.hamlet,
    )


def clan(w: World, code: str = "DH-001", commune: Place | None = None) -> Clan:
    return Clan.objects.create(code=code, name="Họ Trần", commune=commune or w.commune)


def import_job(w: World, user: User | None = None) -> Job:
    return Job.objects.create(
        function="xhht.registry.imports.jobs.run_import",
        arguments={"kind": "household", "token": "t", "place_id": w.commune.pk, "write": False},
        title="Kiểm tra tệp nhập",
        created_by=user or w.commune_officer,
    )


def export_job(w: World, user: User | None = None) -> Job:
    return Job.objects.create(
        function="xhht.registry.exports.run_export",
        arguments={"kind": "person", "query": {}},
        title="Xuất danh sách công dân",
        created_by=user or w.commune_officer,
    )
