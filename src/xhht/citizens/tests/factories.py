"""Claims, people and correction requests for the citizens' tests and the permission matrix."""

from __future__ import annotations

import datetime
from typing import Any

from xhht.accounts.models import RoleAssignment, User
from xhht.accounts.roles import Role
from xhht.citizens.models import Claim, CorrectionRequest
from xhht.places.models import Place
from xhht.registry.models import Household, Person
from xhht.testing.world import World

CCCD = "092190004321"
BIRTH = datetime.date(1990, 5, 17)
PASSWORD = "Hoc-tap-suot-doi-2025"


def person(
    w: World,
    *,
    cccd: str = CCCD,
    birth_date: datetime.date = BIRTH,
    name: str = "Trần Thị Bình",
    place: Place | None = None,
) -> Person:
    place = place or w.hamlet
    home = Household.objects.create(
        code=f"HO-{cccd[-6:]}", place=place, head_name=name, address="5 Trần Phú"
    )
    member = Person(
        full_name=name,
        sex=Person.Sex.FEMALE,
        birth_date=birth_date,
        birth_year=birth_date.year,
        place=place,
        household=home,
        relation=Person.Relation.HEAD,
        phone="0912000111",
    )
    member.set_cccd(cccd)
    member.save()
    return member


def registration(w: World, **changes: Any) -> dict[str, Any]:
    """What a claimant types on the registration page (world.hamlet, the test CCCD)."""
    data: dict[str, Any] = {
        "full_name": "Trần Thị Bình",
        "cccd": CCCD,
        "birth_date": BIRTH.isoformat(),
        "phone": "0912 000 111",
        "province": w.province.pk,
        "commune": w.commune.pk,
        "hamlet": w.hamlet.pk,
        "password": PASSWORD,
        "password_again": PASSWORD,
    }
    data.update(changes)
    return data


def claim(w: World, *, matched: Person | None = None, place: Place | None = None) -> Claim:
    """A pending claim (made directly, not through the page) waiting in ``world.hamlet``."""
    number = Claim.objects.count() + 1
    account = User.objects.create_user(username=f"cd{number:08d}", password=PASSWORD)
    RoleAssignment.objects.create(user=account, role=Role.CITIZEN, place=place or w.hamlet)
    pending = Claim(
        account=account,
        full_name="Trần Thị Bình",
        birth_date=BIRTH,
        phone="0912000111",
        claimed_place=place or w.hamlet,
        person=matched,
        place=matched.place if matched else (place or w.hamlet),
    )
    pending.set_cccd(CCCD)
    pending.save()
    return pending


def linked_citizen(w: World, found: Person | None = None) -> tuple[User, Person]:
    """``world.citizen`` linked to a person of ``world.hamlet``."""
    found = found or person(w)
    found.user = w.citizen
    found.save(update_fields=["user"])
    return w.citizen, found


def correction(w: World) -> CorrectionRequest:
    citizen, found = linked_citizen(w, w.once("citizen_person", person))
    return CorrectionRequest.objects.create(
        person=found,
        requested_by=citizen,
        field=CorrectionRequest.Field.PHONE,
        current_value=found.phone,
        asked_value="0987654321",
    )
