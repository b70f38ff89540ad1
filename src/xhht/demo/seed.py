"""The demo province: accounts for every role over two communes of Cần Thơ, and work for each.

Used by ``make demo`` (``xhht seed_demo``); running it again reuses what exists. The password
is for the demo only and is printed with the logins. ``seed_demo`` makes the places, accounts
and seed plans; ``seed_demo_population`` the synthetic people, their learning institutions and
this year's classes (``synthetic.centres``), and then ``seed_demo_work``: the
province's criteria variants completed with illustrative values, assessments of every title in
every state, decisions and certificates, the seed plans' tasks with a body officer, and a
yearly report period with reports sent, returned, late and missing, and classes for the
centre officer to run (``demo.centres``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from xhht.accounts.models import Body, RoleAssignment, User
from xhht.accounts.roles import Role
from xhht.demo.association import seed_association
from xhht.demo.association_funds import seed_association_funds
from xhht.demo.centres import seed_campaign, seed_centre_work, seed_declared_learning
from xhht.demo.citizens import seed_citizen_learning
from xhht.demo.claims import seed_citizen_requests
from xhht.demo.commendation import seed_commendation
from xhht.demo.criteria import seed_criteria
from xhht.demo.governance import seed_governance
from xhht.demo.learning_city import seed_learning_city
from xhht.demo.pcgd import seed_pcgd
from xhht.demo.recognition import Desk, seed_citizen, seed_titles
from xhht.demo.reporting import body_with_tasks, seed_reports, seed_task_progress
from xhht.demo.resources import seed_resources
from xhht.indicators.rebuild import rebuild
from xhht.place_pages.sheets import next_hamlet_code
from xhht.places.models import Level, Place
from xhht.plans.seeds import load_seed_plans
from xhht.recognition.models import Assessment
from xhht.registry.models import Person
from xhht.synthetic.centres import generate_centres
from xhht.synthetic.generator import Stats, generate

DEMO_PROVINCE_CODE = "92"  # Thành phố Cần Thơ, whose 2024 plan is seed 001
DEMO_PASSWORD = "xhht-demo-2026"  # noqa: S105 - printed by make demo, demo data only


DEMO_USERNAMES = [
    "quantri",
    "tinh",
    "xa1",
    "xa2",
    "thon",
    "khuyenhoc",
    "khuyenhocxa",
    "coquan",
    "thamdinh",
    "congdan",
    "trungtam",
]


#: What each login finds to do on its home page (printed by ``xhht seed_demo``, as in the README).
DEMO_JOBS: dict[str, str] = {
    "quantri": "tổng quan toàn quốc: 34 tỉnh, từng danh hiệu, từng chỉ tiêu kế hoạch",
    "tinh": "tiếp nhận báo cáo, mở kỳ báo cáo, bộ tiêu chí; công nhận hồ sơ PCGD–XMC của phường; duyệt học liệu; kiểm tra, giám sát; thành phố học tập",
    "xa1": "xét công nhận, thẩm định, đăng ký; gửi báo cáo quá hạn; PCGD THCS mức 2 còn thiếu 1 em; kiến nghị sau kiểm tra; xác nhận đăng ký của công dân",
    "xa2": "sửa và gửi lại báo cáo bị trả lại; quyết định công nhận của phường",
    "thon": "tự đánh giá, thẩm định, đề nghị công nhận hồ sơ của khu vực; xác nhận công dân đăng ký; điều tra phổ cập theo hộ; đề nghị khen thưởng",
    "khuyenhoc": "thẩm định, đề nghị công nhận hồ sơ trong thành phố; báo cáo, nhiệm vụ của Hội",
    "khuyenhocxa": "chi hội, hội viên, quỹ khuyến học của Hội Khuyến học phường",
    "coquan": "gửi báo cáo của Sở, cập nhật tiến độ và kinh phí nhiệm vụ của Sở; trả lời kiến nghị; đóng góp học liệu",
    "thamdinh": "thẩm định hoặc trả lại hồ sơ đã tự đánh giá",
    "congdan": "tự đánh giá Công dân học tập năm nay, tải giấy công nhận năm trước; học tập của tôi, kỹ năng số",
    "trungtam": "điểm danh buổi học, thêm học viên, kết thúc lớp của trung tâm học tập cộng đồng",
}


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    where: str
    job: str = ""


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
        association, _ = Body.objects.get_or_create(
            place=province,
            name="Hội Khuyến học thành phố Cần Thơ",
            defaults={"short_name": "Hội Khuyến học", "kind": Body.Kind.ASSOCIATION},
        )
        plan = [
            ("quantri", "Quản trị hệ thống", Role.ADMIN, None, None),
            ("tinh", "Nguyễn Thị Điều Phối", Role.PROVINCE_COORDINATOR, province, None),
            ("xa1", "Trần Văn Xã", Role.COMMUNE_OFFICER, first, None),
            ("xa2", "Lê Thị Phường", Role.COMMUNE_OFFICER, second, None),
            ("thon", "Phạm Văn Ấp", Role.HAMLET_HEAD, hamlet, None),
            ("khuyenhoc", "Võ Thị Khuyến Học", Role.ASSOCIATION_OFFICER, None, association),
            ("khuyenhocxa", "Trương Văn Khuyến", Role.ASSOCIATION_OFFICER, first, None),
            ("coquan", "Đặng Văn Sở", Role.BODY_OFFICER, None, department),
            ("thamdinh", "Bùi Thị Thẩm Định", Role.REVIEWER, first, None),
            ("congdan", "Hoàng Văn Dân", Role.CITIZEN, hamlet, None),
            ("trungtam", "Lý Thị Trung Tâm", Role.CENTRE_OFFICER, first, None),
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
            held = RoleAssignment.objects.filter(user=user, role=role).select_related(
                "place", "body"
            )
            assignment = held.first() or RoleAssignment.objects.create(
                user=user, role=role, place=place, body=body
            )  # kept as it is on a second run (the body officer may have moved to a busier body)
            where = (
                assignment.body.name
                if assignment.body
                else (assignment.place.name if assignment.place else "Toàn quốc")
            )
            logins.append(DemoLogin(username, str(Role(role).label), where, DEMO_JOBS[username]))
    # --- plans: the five seed plans (Cần Thơ's 2024 plan on the demo dashboard) ---
    load_seed_plans()
    return logins


#: About 20,000 synthetic people over Cần Thơ's 103 communes: a few seconds, enough to browse.
DEMO_POPULATION_SCALE = 0.02
DEMO_POPULATION_SEED = 2026


def demo_communes() -> list[Place]:
    """The two communes the demo's commune logins work in (first: xa1, second: xa2)."""
    province = Place.objects.current().get(level=Level.PROVINCE, code=DEMO_PROVINCE_CODE)
    return list(Place.objects.current().filter(parent=province).order_by("code")[:2])


def seed_demo_population(*, only_demo_communes: bool = False) -> Stats:
    """The demo province's synthetic population (communes that have households are skipped),
    then the year's work on it (``seed_demo_work``). ``only_demo_communes`` peoples the two
    communes the logins work in and no other (the tests: the same people, seconds not minutes).
    """
    codes = [c.code for c in demo_communes()] if only_demo_communes else None
    stats = generate(
        province_code=DEMO_PROVINCE_CODE,
        scale=DEMO_POPULATION_SCALE,
        seed=DEMO_POPULATION_SEED,
        communes=codes,
    )
    # Institutions and this year's classes over the people (communes that have them are skipped).
    today = timezone.localdate()
    centres = generate_centres(
        province_code=DEMO_PROVINCE_CODE,
        year=today.year,
        seed=DEMO_POPULATION_SEED,
        as_of=today,
        communes=codes,
    )
    if stats.people and not centres.centres:  # generate_centres recounted the province itself
        # Bulk writes bypass the rollup signals: recount the province once.
        rebuild(Place.objects.current().get(level=Level.PROVINCE, code=DEMO_PROVINCE_CODE))
    seed_pcgd(communes=codes)  # schooling, literacy and the PCGD–XMC story (demo.pcgd)
    _link_demo_citizen()
    seed_demo_work()
    return stats


@dataclass(frozen=True)
class WorkStats:
    assessments: int
    reports: int
    tasks: int
    classes: int


def _demo_users() -> dict[str, User]:
    return {u.username: u for u in User.objects.filter(username__in=DEMO_USERNAMES)}


def seed_demo_work() -> WorkStats:
    """Work for every login (see the module docstring); what exists already is kept."""
    users = _demo_users()
    province = Place.objects.current().get(level=Level.PROVINCE, code=DEMO_PROVINCE_CODE)
    first, second = demo_communes()
    hamlet = (
        RoleAssignment.objects.select_related("place")
        .get(user=users["thon"], role=Role.HAMLET_HEAD)
        .place
    )
    if hamlet is None:
        raise RuntimeError("the demo hamlet head has no hamlet")
    today = timezone.localdate()
    year = today.year
    made = 0
    with transaction.atomic():
        seed_criteria(coordinator=users["tinh"], province=province)
        if not Assessment.objects.filter(place__path__startswith=province.path).exists():
            desks = [
                Desk(first, users["xa1"], users["thamdinh"], users["xa1"]),
                Desk(second, users["xa2"], users["xa2"], users["xa2"]),
            ]
            made += seed_titles(
                year=year,
                desks=desks,
                hamlet=hamlet,
                hamlet_head=users["thon"],
                citizen=users.get("congdan"),
                decision_date=timezone.localdate(),
            )
            made += seed_citizen(
                citizen=users["congdan"], year=year, desk=desks[0], hamlet_head=users["thon"]
            )
        officer_role = RoleAssignment.objects.select_related("body").get(
            user=users["coquan"], role=Role.BODY_OFFICER
        )
        assert officer_role.body is not None  # noqa: S101 - the seed gives the role at a body
        body = body_with_tasks(province, officer_role.body)
        if body != officer_role.body:
            officer_role.body = body
            officer_role.save()
        tasks = seed_task_progress(body=body, officer=users["coquan"])
        association = RoleAssignment.objects.filter(
            user=users["khuyenhoc"], body__isnull=False
        ).values_list("body", flat=True)
        reporters = [body, *Body.objects.filter(pk__in=association).exclude(pk=body.pk)]
        classes = seed_centre_work(officer=users["trungtam"], commune=first, today=today)
        seed_declared_learning(citizen=users["congdan"], year=year)
        seed_campaign(
            coordinator=users["tinh"],
            province=province,
            commune=first,
            commune_officer=users["xa1"],
            body=body,
            body_officer=users["coquan"],
            year=year,
        )
        seed_resources(province=province, commune=first, commune_officer=users["xa1"], body=body, body_officer=users["coquan"], coordinator=users["tinh"], admin=users["quantri"])  # fmt: skip
        seed_citizen_learning(citizen=users["congdan"], confirmer=users["xa1"], year=year)
        seed_citizen_requests(hamlet=hamlet, citizen=users["congdan"])
        seed_learning_city(province=province, coordinator=users["tinh"])
        seed_association(province=province, communes=[first, second], province_officer=users["khuyenhoc"], commune_officer=users.get("khuyenhocxa", users["khuyenhoc"]), today=today)  # fmt: skip
        seed_association_funds(commune=first, officer=users.get("khuyenhocxa", users["khuyenhoc"]), today=today)  # fmt: skip
        seed_commendation(coordinator=users["tinh"], province=province, hamlet=hamlet, hamlet_head=users["thon"], reviewer=users["thamdinh"], commune_officer=users["xa1"], today=today)  # fmt: skip
        seed_governance(province=province, commune=first, coordinator=users["tinh"], commune_officer=users["xa1"], body=body, body_officer=users["coquan"], today=today)  # fmt: skip
        period = seed_reports(
            province=province,
            coordinator=users["tinh"],
            filer=users["quantri"],
            first=first,
            second=second,
            second_officer=users["xa2"],
            bodies=reporters,
        )
    return WorkStats(
        assessments=made, reports=period.submissions.count(), tasks=tasks, classes=classes
    )


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
