"""A small world every test can build on: two provinces, communes, hamlets and one persona per role.

Persona names say who they are: ``commune_officer`` works in ``commune``; ``other_officer`` in
``other_commune`` of the same province; ``outsider`` is a commune officer in another province;
``province_association_officer`` is the province's Hội Khuyến học officer (a role at the province,
not at a body: it views, assesses, reviews and reports over the whole province).
Nearly every view test checks a persona inside the scope and one outside it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from xhht.accounts.models import Body, RoleAssignment, User
from xhht.accounts.roles import Role
from xhht.places.models import Level, Place

PASSWORD = "mật-khẩu-thử-2026"
T = TypeVar("T")


@dataclass
class World:
    province: Place
    commune: Place
    hamlet: Place
    other_hamlet: Place
    other_commune: Place
    other_province: Place
    far_commune: Place
    body: Body
    other_body: Body
    admin: User
    coordinator: User
    commune_officer: User
    other_officer: User
    hamlet_head: User
    association_officer: User
    province_association_officer: User
    body_officer: User
    other_body_officer: User
    reviewer: User
    citizen: User
    outsider: User
    extras: dict[str, Any] = field(default_factory=dict)

    def once(self, key: str, factory: Callable[[World], T]) -> T:
        """Build an extra object (a household, an assessment…) once per world and reuse it.

        Apps use it in their matrix entries: ``lambda w: reverse(..., args=[w.once("household",
        make_household).pk])``.
        """
        if key not in self.extras:
            self.extras[key] = factory(self)
        return self.extras[key]  # type: ignore[no-any-return]  # extras holds each factory's own type

    def personas(self) -> dict[str, User]:
        return {name: getattr(self, name) for name in PERSONAS}


PERSONAS = [
    "admin",
    "coordinator",
    "commune_officer",
    "other_officer",
    "hamlet_head",
    "association_officer",
    "province_association_officer",
    "body_officer",
    "other_body_officer",
    "reviewer",
    "citizen",
    "outsider",
]


def _place(level: str, code: str, name: str, kind: str, parent: Place | None) -> Place:
    return Place.objects.create(level=level, code=code, name=name, kind=kind, parent=parent)


def _user(
    username: str, role: str, *, place: Place | None = None, body: Body | None = None
) -> User:
    user = User.objects.create_user(
        username=username, password=PASSWORD, full_name=username.title()
    )
    if role == Role.ADMIN:
        user.is_superuser = user.is_staff = True
        user.save()
    RoleAssignment.objects.create(user=user, role=role, place=place, body=body)
    return user


def build_world() -> World:
    province = _place(Level.PROVINCE, "92", "Thành phố Cần Thơ", "thành phố", None)
    commune = _place(Level.COMMUNE, "31135", "Phường Ninh Kiều", "phường", province)
    other_commune = _place(Level.COMMUNE, "31120", "Phường Cái Khế", "phường", province)
    hamlet = _place(Level.HAMLET, "31135-001", "Khu vực 1", "khu vực", commune)
    other_hamlet = _place(Level.HAMLET, "31120-001", "Khu vực 1", "khu vực", other_commune)
    other_province = _place(Level.PROVINCE, "01", "Thành phố Hà Nội", "thành phố", None)
    far_commune = _place(Level.COMMUNE, "00070", "Phường Hoàn Kiếm", "phường", other_province)
    body = Body.objects.create(
        name="Sở Giáo dục và Đào tạo", place=province, kind=Body.Kind.DEPARTMENT
    )
    other_body = Body.objects.create(name="Sở Văn hóa, Thể thao và Du lịch", place=province)
    return World(
        province=province,
        commune=commune,
        hamlet=hamlet,
        other_hamlet=other_hamlet,
        other_commune=other_commune,
        other_province=other_province,
        far_commune=far_commune,
        body=body,
        other_body=other_body,
        admin=_user("admin", Role.ADMIN),
        coordinator=_user("coordinator", Role.PROVINCE_COORDINATOR, place=province),
        commune_officer=_user("commune_officer", Role.COMMUNE_OFFICER, place=commune),
        other_officer=_user("other_officer", Role.COMMUNE_OFFICER, place=other_commune),
        hamlet_head=_user("hamlet_head", Role.HAMLET_HEAD, place=hamlet),
        association_officer=_user("association_officer", Role.ASSOCIATION_OFFICER, place=commune),
        province_association_officer=_user(
            "province_association_officer", Role.ASSOCIATION_OFFICER, place=province
        ),
        body_officer=_user("body_officer", Role.BODY_OFFICER, body=body),
        other_body_officer=_user("other_body_officer", Role.BODY_OFFICER, body=other_body),
        reviewer=_user("reviewer", Role.REVIEWER, place=commune),
        citizen=_user("citizen", Role.CITIZEN, place=hamlet),
        outsider=_user("outsider", Role.COMMUNE_OFFICER, place=far_commune),
    )
