"""The demo's Hội Khuyến học: the city's association (at the province, in the association's
``Body``), the associations of the two demo communes, a chapter in each hamlet of the first
commune and a school's study-promotion board that keeps only totals; about forty members,
people of the registry where possible (three written by name), written through the
association's own actions, so the trail and the counts are those of real use.

Names of people come from the generated registry; no date of foundation is invented (left
empty). Figures entered for the school's board are illustrative. Running it again leaves a
province that already has branches as it is.
"""

from __future__ import annotations

import datetime

from xhht.accounts.models import Body, User
from xhht.association import actions
from xhht.association.models import Branch, Member
from xhht.places.models import Level, Place
from xhht.registry.models import Person, Unit

#: Members of each chapter taken from the registry (adults of its hamlet).
MEMBERS_PER_CHAPTER = 8
#: Members of the second commune's association (adults of the commune).
SECOND_COMMUNE_MEMBERS = 6
#: Members not in the registry: (name, birth year) — written by name, as an officer would.
UNREGISTERED = [("Nguyễn Văn Khuyến", 1952), ("Trần Thị Học", 1961), ("Lê Văn Tài", 1958)]
#: The school board's entered totals: (years before this one, members, joined, left).
BOARD_FIGURES = [(2, 18, 3, 1), (1, 21, 4, 1)]


def _adults(place: Place, today: datetime.date, count: int, skip: set[int]) -> list[Person]:
    people = (
        Person.objects.filter(place__path__startswith=place.path, birth_year__lte=today.year - 18)
        .exclude(pk__in=skip)
        .order_by("pk")
    )
    return list(people[:count])


def _branch(
    user: User, *, name: str, kind: str, place: Place, parent: Branch | None = None, **more: object
) -> Branch:
    found = Branch.objects.filter(place=place, name=name).first()
    return found or actions.create_branch(
        user=user,
        name=name,
        kind=kind,
        place=place,
        parent=parent,
        **more,  # type: ignore[arg-type]  # unit, body, keeps_totals
    )


def _join(
    user: User,
    branch: Branch,
    people: list[Person],
    today: datetime.date,
    head: str = Member.Role.CHAPTER_HEAD,
) -> list[Member]:
    members = []
    for n, person in enumerate(people):
        joined = today - datetime.timedelta(days=90 + 97 * n)  # over the last two or three years
        role = head if n == 0 else Member.Role.MEMBER
        members.append(
            actions.add_member(user=user, branch=branch, joined_on=joined, role=role, person=person)
        )
    return members


def seed_association(
    *,
    province: Place,
    communes: list[Place],
    province_officer: User,
    commune_officer: User,
    today: datetime.date,
) -> int:
    """Branches and members of the demo province; returns how many members it wrote."""
    if Branch.objects.filter(place__path__startswith=province.path).exists():
        return 0
    first, second = communes
    body = Body.objects.filter(place=province, kind=Body.Kind.ASSOCIATION).first()
    city = _branch(
        province_officer,
        name=f"Hội Khuyến học {province.name}",
        kind=Branch.Kind.ASSOCIATION,
        place=province,
        body=body,
    )
    own = _branch(
        commune_officer,
        name=f"Hội Khuyến học {first.name}",
        kind=Branch.Kind.ASSOCIATION,
        place=first,
        parent=city,
    )
    other = _branch(
        province_officer,
        name=f"Hội Khuyến học {second.name}",
        kind=Branch.Kind.ASSOCIATION,
        place=second,
        parent=city,
    )
    taken: set[int] = set()
    written: list[Member] = []
    hamlets = Place.objects.current().filter(parent=first, level=Level.HAMLET).order_by("sort_key")
    for hamlet in hamlets:
        chapter = _branch(
            commune_officer,
            name=f"Chi hội khuyến học {hamlet.name}",
            kind=Branch.Kind.CHAPTER,
            place=hamlet,
            parent=own,
        )
        people = _adults(hamlet, today, MEMBERS_PER_CHAPTER, taken)
        taken |= {p.pk for p in people}
        written += _join(commune_officer, chapter, people, today)
    leaders = _adults(first, today, 2, taken)
    taken |= {p.pk for p in leaders}
    written += _join(commune_officer, own, leaders, today, head=Member.Role.PRESIDENT)
    for name, year in UNREGISTERED:
        written.append(
            actions.add_member(
                user=commune_officer,
                branch=own,
                joined_on=today - datetime.timedelta(days=400),
                full_name=name,
                birth_year=year,
            )
        )
    written += _join(
        province_officer,
        other,
        _adults(second, today, SECOND_COMMUNE_MEMBERS, taken),
        today,
        head=Member.Role.PRESIDENT,
    )
    # Two members left this month: one moved away, one resigned (the list keeps them).
    for member, reason in zip(written[1:3], ("Chuyển nơi cư trú", "Xin ra khỏi hội"), strict=False):
        left_on = max(member.joined_on, today - datetime.timedelta(days=30))
        actions.member_leaves(user=commune_officer, member=member, left_on=left_on, reason=reason)
    school = (
        Unit.objects.filter(place__path__startswith=first.path, kind=Unit.Kind.SCHOOL)
        .order_by("pk")
        .first()
    )
    if school is not None:
        board = _branch(
            commune_officer,
            name=f"Ban khuyến học {school.name}",
            kind=Branch.Kind.BOARD,
            place=school.place,
            parent=own,
            unit=school,
            keeps_totals=True,
        )
        for back, members, joined, left in BOARD_FIGURES:
            actions.record_figure(
                user=commune_officer,
                branch=board,
                year=today.year - back,
                members=members,
                joined=joined,
                left=left,
                source="Báo cáo tổng kết năm của ban khuyến học (số liệu minh họa)",
            )
    return len(written)
