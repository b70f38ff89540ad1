"""Learning-centre records for tests and the permission matrix, placed in the test world.

Every helper of the app builds on these: ``w.once("centre", factories.centre)`` etc."""

from __future__ import annotations

import datetime

from xhht.accounts.models import RoleAssignment, User
from xhht.accounts.roles import Role
from xhht.centres.models import Campaign, Centre, LearningClass, Participation, Session, Topic
from xhht.places.models import Place
from xhht.registry.models import Person
from xhht.registry.tests import factories as registry_factories
from xhht.testing.world import PASSWORD, World


def centre(
    w: World,
    code: str = "TT-31135",
    place: Place | None = None,
    kind: str = Centre.Kind.TTHTCD,
    name: str = "Trung tâm học tập cộng đồng phường Ninh Kiều",
) -> Centre:
    return Centre.objects.create(
        code=code,
        name=name,
        kind=kind,
        place=place or w.commune,
        computers=5,
        internet=True,
        staff_count=3,
    )


def centre_officer(w: World, place: Place | None = None, username: str = "centre_officer") -> User:
    """The centre's officer (cán bộ TTHTCĐ): a role held at the centre's commune."""
    user = User.objects.create_user(
        username=username, password=PASSWORD, full_name="Cán Bộ Trung Tâm"
    )
    RoleAssignment.objects.create(user=user, role=Role.CENTRE_OFFICER, place=place or w.commune)
    return user


def topic(code: str = Topic.DIGITAL_SKILLS) -> Topic:
    """A topic of the national list (migration 0002)."""
    return Topic.objects.get(code=code, province=None)


def learning_class(
    w: World,
    at: Centre | None = None,
    title: str = "Lớp kỹ năng số cho người cao tuổi",
    start: datetime.date = datetime.date(2026, 3, 2),
) -> LearningClass:
    return LearningClass.objects.create(
        topic=topic(),
        title=title,
        centre=at or w.once("centre", centre),
        place=(at or w.once("centre", centre)).place,
        start_date=start,
        hours=12,
    )


def session(w: World, of: LearningClass | None = None) -> Session:
    of = of or w.once("learning_class", learning_class)
    return Session.objects.create(learning_class=of, date=of.start_date, hours=2)


def participation(
    w: World, of: LearningClass | None = None, person: Person | None = None
) -> Participation:
    return Participation.objects.create(
        learning_class=of or w.once("learning_class", learning_class),
        person=person or w.once("person", registry_factories.person),
    )


def campaign(w: World, place: Place | None = None, year: int = 2026) -> Campaign:
    return Campaign.objects.create(
        kind=Campaign.Kind.LIFELONG_LEARNING_WEEK,
        name=f"Tuần lễ hưởng ứng học tập suốt đời năm {year}",
        year=year,
        place=place or w.province,
        start_date=datetime.date(year, 10, 1),
        end_date=datetime.date(year, 10, 7),
    )
