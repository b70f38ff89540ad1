"""Claiming one's record: a citizen registers (``register_claim``), the hamlet head or the commune
officer of the record's place confirms (``confirm_claim``: Person.user = the account) or refuses
(``refuse_claim``). Nobody is linked without a confirmation.

No oracle (docs/SECURITY.md, decision 0004): registering does the same work whether or not a
record has this CCCD, or already has an account: it always creates the account and a pending
claim, and the claimant always reads the same answer. Only the officer who confirms sees the
match and whether the record already has an account.

Corrections of one's own data are ``citizens.corrections``; accounts made on the spot by an
officer ``citizens.spot_accounts``.
"""

from __future__ import annotations

import datetime
import math
import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability, can
from xhht.accounts.models import RoleAssignment, User
from xhht.accounts.roles import Role
from xhht.audit.actions import record_step
from xhht.audit.context import acting_as
from xhht.citizens.models import Claim
from xhht.core.workflow import ChangedMeanwhile, StepRefused
from xhht.places.models import Level, Place
from xhht.registry import pii
from xhht.registry.models import Person
from xhht.registry.validators import (
    problem,
    validate_birth_date,
    validate_birth_year,
    validate_cccd,
)

#: Who confirms or refuses a claim: whoever keeps the registry of the claim's place (the hamlet
#: head of the hamlet, the commune officer of the commune, and those above them).
CONFIRM_CAPABILITY = Capability.MANAGE_REGISTRY
#: Registrations one network address may send in ``REGISTRATION_WINDOW`` (as the login's lockout).
REGISTRATIONS_PER_ADDRESS = 5
REGISTRATION_WINDOW = datetime.timedelta(hours=1)
REASON_MAX = 500


def changed_meanwhile() -> ChangedMeanwhile:
    return ChangedMeanwhile(_("Yêu cầu này vừa được người khác xử lý; hãy tải lại trang."))


def address_digest(address: str | None) -> str:
    """A keyed hash of a network address: enough to count, never the address itself."""
    return salted_hmac("xhht.citizens.address", address or "-").hexdigest()


def claim_places() -> list[str]:
    """The levels a claimant may name as where they live."""
    return [Level.COMMUNE, Level.HAMLET]


def generate_username() -> str:
    """``cd`` and eight digits, not yet taken (a random name says nothing about anyone)."""
    while True:
        name = f"cd{secrets.randbelow(10**8):08d}"
        if not User.objects.filter(username__iexact=name).exists():
            return name


def check_registration(
    *, cccd: str, birth_date: datetime.date, place: Place, address: str | None
) -> str:
    """The normalised CCCD, or ``StepRefused``; looks nothing up by number."""
    number = pii.normalise_cccd(cccd)
    problems: list[str] = []
    for message in (
        problem(validate_cccd, number),
        problem(validate_birth_date, birth_date),
        problem(validate_birth_year, birth_date.year),
    ):
        if message:
            problems.append(message)
    if place.level not in claim_places() or place.valid_to is not None:
        problems.append(_("Hãy chọn xã/phường hoặc thôn/tổ dân phố nơi bạn đang sống."))
    if problems:
        raise StepRefused("", problems)
    since = timezone.now() - REGISTRATION_WINDOW
    recent = Claim.objects.filter(ip_digest=address_digest(address), created_at__gte=since)
    if recent.count() >= REGISTRATIONS_PER_ADDRESS:
        oldest = recent.order_by("created_at").values_list("created_at", flat=True).first()
        wait = (oldest or since) + REGISTRATION_WINDOW - timezone.now()
        raise StepRefused(
            _(
                "Đã có nhiều đăng ký gửi từ địa chỉ mạng này; hãy thử lại sau %(minutes)s phút "
                "hoặc nhờ trưởng thôn, cán bộ xã tạo tài khoản."
            )
            % {"minutes": max(1, math.ceil(wait.total_seconds() / 60))}
        )
    return number


def matching_person(number: str, birth_date: datetime.date) -> Person | None:
    """The record with this CCCD and birth date (birth year when the record has no date)."""
    same_day = Q(birth_date=birth_date) | Q(birth_date__isnull=True, birth_year=birth_date.year)
    return Person.objects.with_cccd(number).filter(same_day).select_related("place").first()


def register_claim(
    *,
    cccd: str,
    birth_date: datetime.date,
    phone: str,
    full_name: str,
    password: str,
    place: Place,
    address: str | None,
) -> tuple[User, Claim]:
    """Create a citizen's account (no record linked) and its pending claim.

    Raises ``StepRefused`` for bad input (nothing written) and ``ValidationError`` for a weak
    password. Whatever the CCCD, the same rows are written and the same answer returned.
    """
    number = check_registration(cccd=cccd, birth_date=birth_date, place=place, address=address)
    user = User(username=generate_username(), full_name=full_name.strip(), phone=phone.strip())
    validate_password(password, user)
    user.set_password(password)
    person = matching_person(number, birth_date)
    with transaction.atomic(), acting_as(user):
        user.save()
        RoleAssignment.objects.create(user=user, role=Role.CITIZEN, place=place)
        claim = Claim(
            account=user,
            full_name=user.full_name,
            birth_date=birth_date,
            phone=user.phone,
            claimed_place=place,
            person=person,
            place=person.place if person is not None else place,
            ip_digest=address_digest(address),
        )
        claim.set_cccd(number)
        claim.full_clean(exclude=["account", "person", "place", "claimed_place"])
        claim.save()
        record_step(actor=user, obj=claim, step="claim_registered", place=claim.place)
    return user, claim


def _require_decider(actor: User, claim: Claim) -> None:
    if not can(actor, CONFIRM_CAPABILITY, claim.place):
        raise PermissionDenied


def _decide(claim: Claim, actor: User, state: str, **changes: object) -> None:
    """Move the pending claim (one conditional UPDATE) and forget its CCCD."""
    moved = Claim.objects.filter(pk=claim.pk, state=Claim.State.PENDING).update(
        state=state,
        decided_by=actor,
        decided_at=timezone.now(),
        national_id_encrypted="",
        national_id_digest="",
        **changes,
    )
    if moved != 1:
        raise changed_meanwhile()
    claim.refresh_from_db()


def person_for_claim(actor: User, claim: Claim, person: Person | None) -> Person:
    """The record to link: the matched one, or (no match) the one the officer found, whose
    CCCD must be the claim's (or empty: then the claim's number is stored on it)."""
    if claim.person_id is not None:
        return claim.person  # type: ignore[return-value]  # person_id is checked above
    if person is None:
        raise StepRefused(_("Hãy tìm và chọn hồ sơ công dân của người gửi yêu cầu."))
    if not can(actor, CONFIRM_CAPABILITY, person.place):
        raise PermissionDenied
    if person.national_id_digest and person.national_id_digest not in pii.cccd_digests(
        claim.cccd()
    ):
        raise StepRefused(
            _("Số CCCD trong hồ sơ đã chọn khác số người gửi yêu cầu khai; hãy kiểm tra lại.")
        )
    return person


def confirm_claim(*, actor: User, claim: Claim, person: Person | None = None) -> Person:
    """Link the claim's account to its record; refused when the record already has an account."""
    _require_decider(actor, claim)
    if claim.state != Claim.State.PENDING:
        raise changed_meanwhile()
    target = person_for_claim(actor, claim, person)
    number = claim.cccd() if not target.national_id_digest else ""
    account = claim.account
    with transaction.atomic(), acting_as(actor):
        if Person.objects.filter(user=account).exists():
            raise StepRefused(_("Tài khoản này đã được liên kết với một hồ sơ khác."))
        if number:
            if Person.objects.with_cccd(number).exclude(pk=target.pk).exists():
                raise StepRefused(_("Không liên kết được: số CCCD trùng với dữ liệu đã có."))
            target.set_cccd(number)
            target.save(
                update_fields=["national_id_encrypted", "national_id_digest", "national_id_last3"]
            )
        # One conditional UPDATE: of two confirmations for one record, only the first links.
        if Person.objects.filter(pk=target.pk, user__isnull=True).update(user=account) != 1:
            raise StepRefused(
                _(
                    "Hồ sơ này đã có tài khoản liên kết; không xác nhận được yêu cầu này. "
                    "Hãy không xác nhận và ghi lý do cho người gửi."
                )
            )
        target.user = account
        RoleAssignment.objects.filter(user=account, role=Role.CITIZEN).exclude(
            place=target.place
        ).delete()
        RoleAssignment.objects.get_or_create(user=account, role=Role.CITIZEN, place=target.place)
        _decide(claim, actor, Claim.State.CONFIRMED, person=target, place=target.place)
        record_step(
            actor=actor,
            obj=target,
            step="account_linked",
            place=target.place,
            after={"account": account.username},
        )
        record_step(actor=actor, obj=claim, step="claim_confirmed", place=claim.place)
    return target


def refuse_claim(*, actor: User, claim: Claim, reason: str) -> None:
    """Refuse with a reason the claimant reads; nothing is linked."""
    _require_decider(actor, claim)
    reason = reason.strip()
    if not reason:
        raise StepRefused(_("Hãy ghi lý do không xác nhận để người gửi biết cần làm gì."))
    if len(reason) > REASON_MAX:
        raise StepRefused(_("Lý do dài quá %(n)s ký tự.") % {"n": REASON_MAX})
    with transaction.atomic(), acting_as(actor, reason=reason):
        _decide(claim, actor, Claim.State.REFUSED, refusal_reason=reason)
        record_step(actor=actor, obj=claim, step="claim_refused", place=claim.place, reason=reason)
