"""The demo province: accounts for every role over two communes of Cần Thơ.

Used by ``make demo`` (``xhht seed_demo``); running it again reuses what exists. The password
is for the demo only and is printed with the logins.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from xhht.accounts.models import Body, RoleAssignment, User
from xhht.accounts.roles import Role
from xhht.indicators.rebuild import rebuild
from xhht.place_pages.sheets import next_hamlet_code
from xhht.places.models import Level, Place
from xhht.plans.seeds import load_seed_plans
from xhht.registry.models import Person
from xhht.synthetic.generator import Stats, generate

DEMO_PROVINCE_CODE = "92"  # Thành phố Cần Thơ, whose 2024 plan is seed 001
DEMO_PASSWORD = "xhht-demo-2026"  # noqa: S105 - printed by make demo, demo data only


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    where: str


def _hamlet_kind(commune: Place) -> str:
    return "khu vực" if commune.kind == "phường" else "ấp"


def seed_demo(hamlets_per_commune: int = 4) -> list[DemoLogin]:
    with transaction.atomic():
        province = Place.objects.current().get(level=Level.PROVINCE, code=DEMO_PROVINCE_CODE)
        communes = list(Place.objects.current().filter(parent=province).order_by("code")[:2])
        for commune in communes:
            kind = _hamlet_kind(commune)
            for number in range(1, hamlets_per_commune + 1):
                name = f"{kind.capitalize()} {number}"
                if not Place.objects.current().filter(parent=commune, name=name).exists():
                    Place.objects.create(
                        level=Level.HAMLET,
                        code=next_hamlet_code(commune),
                        name=name,
                        kind=kind,
                        parent=commune,
                    )
        first, second = communes
        hamlet = Place.objects.current().filter(parent=first).order_by("sort_key").first()
        if hamlet is None:
            raise RuntimeError("demo communes have no hamlets")
        department, _ = Body.objects.get_or_create(
            place=province,
            name="Sở Giáo dục và Đào tạo thành phố Cần Thơ",
            defaults={"short_name": "Sở GD&ĐT", "kind": Body.Kind.DEPARTMENT},
        )
        plan = [
            ("quantri", "Quản trị hệ thống", Role.ADMIN, None, None),
            ("tinh", "Nguyễn Thị Điều Phối", Role.PROVINCE_COORDINATOR, province, None),
            ("xa1", "Trần Văn Xã", Role.COMMUNE_OFFICER, first, None),
            ("xa2", "Lê Thị Phường", Role.COMMUNE_OFFICER, second, None),
            ("thon", "Phạm Văn Ấp", Role.HAMLET_HEAD, hamlet, None),
            ("khuyenhoc", "Võ Thị Khuyến Học", Role.ASSOCIATION_OFFICER, province, None),
            ("coquan", "Đặng Văn Sở", Role.BODY_OFFICER, None, department),
            ("thamdinh", "Bùi Thị Thẩm Định", Role.REVIEWER, first, None),
            ("congdan", "Hoàng Văn Dân", Role.CITIZEN, hamlet, None),
        ]
        logins = []
        for username, full_name, role, place, body in plan:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(
                    username=username,
                    full_name=full_name,
                    is_staff=role == Role.ADMIN,
                    is_superuser=role == Role.ADMIN,
                )
                user.set_password(DEMO_PASSWORD)
                user.save()
            RoleAssignment.objects.get_or_create(user=user, role=role, place=place, body=body)
            where = body.name if body else (place.name if place else "Toàn quốc")
            logins.append(DemoLogin(username, str(Role(role).label), where))
    # --- plans: the five seed plans (Cần Thơ's 2024 plan on the demo dashboard) ---
    load_seed_plans()
    return logins


#: About 20,000 synthetic people over Cần Thơ's 103 communes: a few seconds, enough to browse.
DEMO_POPULATION_SCALE = 0.02
DEMO_POPULATION_SEED = 2026


def seed_demo_population() -> Stats:
    """The demo province's synthetic population; communes that have households are skipped."""
    stats = generate(
        province_code=DEMO_PROVINCE_CODE, scale=DEMO_POPULATION_SCALE, seed=DEMO_POPULATION_SEED
    )
    if stats.people:  # bulk writes bypass the rollup signals: recount the province once
        rebuild(Place.objects.current().get(level=Level.PROVINCE, code=DEMO_PROVINCE_CODE))
    _link_demo_citizen()
    return stats


def _link_demo_citizen() -> None:
    """The citizen login becomes an adult of its hamlet, so "Danh hiệu của tôi" has a record."""
    citizen = User.objects.filter(username="congdan").first()
    role = RoleAssignment.objects.filter(user=citizen, role=Role.CITIZEN).first()
    if citizen is None or role is None or Person.objects.filter(user=citizen).exists():
        return
    person = (
        Person.objects.filter(place=role.place, user__isnull=True, birth_year__lte=2000)
        .order_by("pk")
        .first()
    )
    if person is not None:
        person.user = citizen
        person.save()
        citizen.full_name = person.full_name
        citizen.save(update_fields=["full_name"])
