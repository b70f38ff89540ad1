"""The demo's learning centre: classes for the centre officer to run, made through the class steps.

The generator (``synthetic.centres``) gives every demo commune its institutions and a year of
classes; here the first commune's community learning centre gets three classes its officer
(``trungtam``) runs the way the pages do (``centres.classes``): one open with sessions held and
attendance still to mark for the last one, one planned from today with its first participants and no
session yet, and one closed with its participants' completion and certificates, so their
learning records show it. Each is found again by its code: a second run adds nothing. The
citizen login declares an online course of its own (``seed_declared_learning``), waiting for an
officer of its commune to confirm it.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from xhht.accounts.models import Body, User
from xhht.centres import campaigns, classes
from xhht.centres.models import Campaign, Centre, LearningClass, LearningEntry, Topic
from xhht.centres.record import declare_learning
from xhht.places.models import Place
from xhht.registry.models import Person

CODES = ("DEMO-KNS", "DEMO-TA", "DEMO-XMC")
SUBJECTS = ("Làm quen điện thoại thông minh", "Dịch vụ công trực tuyến", "Thanh toán an toàn")


def demo_centre(commune: Place) -> Centre | None:
    """The commune's active community learning centre (the generator made it)."""
    return Centre.objects.active().community_centres().filter(place=commune).first()


def _people(commune: Place, year: int, *, oldest: int, youngest: int, count: int) -> list[Person]:
    return list(
        Person.objects.filter(
            place__path__startswith=commune.path,
            birth_year__gte=year - oldest,
            birth_year__lte=year - youngest,
        ).order_by("pk")[:count]
    )


def _topic(code: str) -> Topic:
    return Topic.objects.get(code=code, province=None)


def seed_centre_work(*, officer: User, commune: Place, today: datetime.date) -> int:
    """The three classes (see the module docstring); returns how many were made."""
    centre = demo_centre(commune)
    if centre is None:
        return 0
    made = 0
    year = today.year
    if not LearningClass.objects.filter(code=CODES[0]).exists():
        start = today - datetime.timedelta(days=21)
        digital = classes.create_class(
            user=officer,
            topic=_topic(Topic.DIGITAL_SKILLS),
            title="Lớp kỹ năng số cho người cao tuổi",
            place=commune,
            centre=centre,
            start_date=start,
            end_date=today + datetime.timedelta(days=21),
            teachers="Tổ công nghệ số cộng đồng",
            code=CODES[0],
        )
        people = _people(commune, year, oldest=85, youngest=55, count=8)
        classes.add_participants(user=officer, learning_class=digital, people=people)
        ids = list(digital.participations.order_by("pk").values_list("pk", flat=True))
        for week in range(3):
            session = classes.add_session(
                user=officer,
                learning_class=digital,
                date=start + datetime.timedelta(days=7 * week),
                hours=Decimal("2"),
                subject=SUBJECTS[week],
            )
            if week < 2:  # the last session's attendance is the officer's to mark
                classes.mark_attendance(user=officer, session=session, present=ids[week:])
        made += 1
    if not LearningClass.objects.filter(code=CODES[1]).exists():
        english = classes.create_class(
            user=officer,
            topic=_topic(Topic.FOREIGN_LANGUAGES),
            title="Tiếng Anh giao tiếp cho thanh niên",
            place=commune,
            centre=centre,
            start_date=today,
            teachers="Giáo viên Trường Trung học cơ sở",
            code=CODES[1],
        )
        people = _people(commune, year, oldest=30, youngest=16, count=3)
        classes.add_participants(user=officer, learning_class=english, people=people)
        made += 1
    if not LearningClass.objects.filter(code=CODES[2]).exists():
        start = today - datetime.timedelta(days=120)
        literacy = classes.create_class(
            user=officer,
            topic=_topic(Topic.LITERACY),
            title="Lớp xóa mù chữ mức độ 2",
            place=commune,
            centre=centre,
            start_date=start,
            end_date=start + datetime.timedelta(days=28),
            teachers="Giáo viên Trường Tiểu học",
            code=CODES[2],
        )
        people = _people(commune, year, oldest=60, youngest=30, count=6)
        classes.add_participants(user=officer, learning_class=literacy, people=people)
        ids = list(literacy.participations.order_by("pk").values_list("pk", flat=True))
        for week in range(5):
            session = classes.add_session(
                user=officer,
                learning_class=literacy,
                date=start + datetime.timedelta(days=7 * week),
                hours=Decimal("3"),
            )
            classes.mark_attendance(user=officer, session=session, present=ids[: 5 + week % 2])
        completed = ids[:5]
        classes.close_class(
            user=officer,
            learning_class=literacy,
            completed=completed,
            certified=completed,
            results={pk: "Đạt" for pk in completed},
        )
        made += 1
    return made


def seed_declared_learning(*, citizen: User, year: int) -> int:
    """The citizen's own online course, declared and not yet confirmed (once)."""
    person = Person.objects.filter(user=citizen).first()
    if person is None:
        return 0
    own = LearningEntry.objects.filter(person=person).exclude(kind=LearningEntry.Kind.CLASS)
    if own.exists():
        return 0
    declare_learning(
        user=citizen,
        person=person,
        year=year,
        kind=LearningEntry.Kind.ONLINE_COURSE,
        title="Kỹ năng số cơ bản (khóa học trực tuyến)",
        hours=Decimal("12"),
        source="Nền tảng học trực tuyến",
        topic=_topic(Topic.DIGITAL_SKILLS),
    )
    return 1


CAMPAIGN_NAME = "Tuần lễ hưởng ứng học tập suốt đời năm {year}"


def seed_campaign(
    *,
    coordinator: User,
    province: Place,
    commune: Place,
    commune_officer: User,
    body: Body,
    body_officer: User,
    year: int,
) -> Campaign:
    """The province's lifelong-learning week of ``year`` (1–7 October), opened by its
    coordinator through the campaign steps; the first demo commune has sent what it did (with its
    closed classes of the year) and the body officer's body too, the other communes have not, so
    the coordinator sees who is missing and downloads the consolidated report. A second run finds
    the campaign by its name and adds nothing."""
    name = CAMPAIGN_NAME.format(year=year)
    found = Campaign.objects.filter(place=province, year=year, name=name).first()
    if found is not None:
        return found
    week = campaigns.open_campaign(
        user=coordinator,
        place=province,
        kind=Campaign.Kind.LIFELONG_LEARNING_WEEK,
        name=name,
        year=year,
        start_date=datetime.date(year, 10, 1),
        end_date=datetime.date(year, 10, 7),
    )
    commune_reporter = campaigns.Reporter(place=commune)
    campaigns.save_campaign_report(
        user=commune_officer,
        campaign=week,
        reporter=commune_reporter,
        description=(
            "Tổ chức lễ phát động tại Trung tâm học tập cộng đồng; trưng bày sách tại nhà văn "
            "hóa các khu vực; lớp kỹ năng số và lớp xóa mù chữ mở cửa cho người dân tham quan."
        ),
        participants=320,
        classes=campaigns.linkable_classes(week, commune_reporter),
        submit=True,
    )
    campaigns.save_campaign_report(
        user=body_officer,
        campaign=week,
        reporter=campaigns.Reporter(body=body),
        description=(
            "Chỉ đạo các trường mở cửa thư viện cho cộng đồng trong tuần lễ; tọa đàm về học tập "
            "suốt đời cho giáo viên."
        ),
        participants=150,
        classes=[],
        submit=True,
    )
    return week
