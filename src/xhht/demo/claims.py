"""The demo's requests of citizens: a generated person of the hamlet head's hamlet registers
and claims their record (``citizens.actions.register_claim``, with the made-up CCCD the generator
gave that person), and the demo citizen "congdan" asks to correct their phone number
(``citizens.corrections.request_correction``). So "thon" finds a claim to confirm in "Việc cần
làm", and the commune's officer "xa1" both. Only generated people; a second run adds nothing."""

from __future__ import annotations

import datetime
import secrets

from xhht.accounts.models import User
from xhht.citizens.actions import register_claim
from xhht.citizens.corrections import request_correction
from xhht.citizens.models import Claim, CorrectionRequest
from xhht.places.models import Place
from xhht.registry.models import Person

#: The phone number the demo citizen asks for (made up).
ASKED_PHONE = "0912 345 678"


def seed_citizen_requests(*, hamlet: Place, citizen: User) -> int:
    """A pending claim from ``hamlet`` and ``citizen``'s pending correction (how many made)."""
    made = 0
    if not Claim.objects.filter(place__path__startswith=hamlet.path).exists():
        person = (
            Person.objects.filter(place=hamlet, user__isnull=True, birth_year__lte=2000)
            .exclude(national_id_encrypted="")
            .order_by("pk")
            .first()
        )
        if person is not None:
            register_claim(
                cccd=person.cccd(),
                # The record has the birth year; the claimant types a whole date of that year.
                birth_date=person.birth_date or datetime.date(person.birth_year, 3, 15),
                phone=person.phone or "0987 654 321",
                full_name=person.full_name,
                password=secrets.token_urlsafe(16),
                place=hamlet,
                address=None,
            )
            made += 1
    own = Person.objects.filter(user=citizen).first()
    if own is not None and not CorrectionRequest.objects.filter(person=own).exists():
        request_correction(
            actor=citizen,
            person=own,
            field=CorrectionRequest.Field.PHONE,
            asked_value=ASKED_PHONE,
            note="Tôi đã đổi số điện thoại.",
        )
        made += 1
    return made
