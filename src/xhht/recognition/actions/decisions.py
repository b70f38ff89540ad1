"""Recognition decisions covering many subjects at once, their certificates, and revocation."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from xhht.accounts.access import can
from xhht.audit.actions import record_steps
from xhht.core.workflow import StepRefused
from xhht.criteria.models import Title
from xhht.places.models import Level, Place
from xhht.recognition import signing
from xhht.recognition.actions.base import move, stale
from xhht.recognition.models import Assessment, Certificate, Decision, State, Step
from xhht.recognition.models.rules import place_at_level, requirement_for
from xhht.recognition.rollups import count_recognition, count_recognitions
from xhht.registry.models import Person

if TYPE_CHECKING:
    from xhht.accounts.models import User


@dataclass(frozen=True)
class DecisionData:
    number: str
    date: datetime.date
    signer_name: str
    signer_position: str
    issuing_body: str
    place_name: str
    parent_body: str = ""
    valid_until: datetime.date | None = None


def deciding_place(actor: User, assessments: Sequence[Assessment], step: str) -> Place:
    """The one place whose authority takes ``step`` for all of them (checked for ``actor``)."""
    places: dict[int, Place] = {}
    checked: set[tuple[str, int]] = set()  # the rule and authority depend on title and place only
    for assessment in assessments:
        if (assessment.title, assessment.place.pk) in checked:
            continue
        checked.add((assessment.title, assessment.place.pk))
        rule = requirement_for(assessment.title, step, assessment.place)
        authority = place_at_level(assessment.place, rule.level)
        if not can(actor, rule.capability, authority):
            raise PermissionDenied
        places[authority.pk] = authority
    if len(places) != 1:
        raise StepRefused(_("Một quyết định chỉ công nhận các hồ sơ thuộc cùng một cấp ban hành."))
    return next(iter(places.values()))


def recognise(*, actor: User, assessments: Sequence[Assessment], data: DecisionData) -> Decision:
    """One decision recognising every proposed assessment given, or none of them."""
    if not assessments:
        raise StepRefused(_("Hãy chọn ít nhất một hồ sơ để công nhận."))
    titles = {(a.title, a.year) for a in assessments}
    if len(titles) != 1:
        raise StepRefused(_("Một quyết định chỉ công nhận một danh hiệu trong một năm."))
    title, year = titles.pop()
    not_proposed = [a.subject_name() for a in assessments if a.state != State.PROPOSED]
    if not_proposed:
        raise StepRefused(
            _("Chỉ công nhận hồ sơ đã được đề nghị; chưa đề nghị: %(names)s.")
            % {"names": ", ".join(not_proposed[:10])}
        )
    for criteria_set in {a.criteria_set for a in assessments}:
        if not criteria_set.is_complete():
            raise StepRefused(
                _(
                    "Bộ tiêu chí “%(set)s” còn thiếu giá trị (điểm, ngưỡng đạt) nên chưa thể công "
                    "nhận. Cấp tỉnh cần hoàn thiện bộ tiêu chí trước."
                )
                % {"set": criteria_set}
            )
    place = deciding_place(actor, assessments, Step.RECOGNISE)
    now = timezone.now()
    try:
        with transaction.atomic():
            decision = Decision.objects.create(
                title=title,
                year=year,
                place=place,
                created_by=actor,
                number=data.number.strip(),
                date=data.date,
                signer_name=data.signer_name.strip(),
                signer_position=data.signer_position.strip(),
                issuing_body=data.issuing_body.strip(),
                parent_body=data.parent_body.strip(),
                place_name=data.place_name.strip(),
                valid_until=data.valid_until,
            )
            ids = [a.pk for a in assessments]
            updated = Assessment.objects.filter(pk__in=ids, state=State.PROPOSED).update(
                state=State.RECOGNISED,
                decision=decision,
                decided_at=now,
                version=F("version") + 1,
                updated_at=now,
            )
            if updated != len(ids):
                raise stale()
            recognised = list(
                Assessment.objects.filter(pk__in=ids).select_related(
                    "place", "household", "clan", "unit", "person", "subject_place"
                )
            )
            names = _place_names(recognised)
            holders = _holders(recognised)
            record_steps(
                actor=actor,
                objects=recognised,
                step=Step.RECOGNISE,
                places=[a.place for a in recognised],
                before={"state": State.PROPOSED},
                after={"state": State.RECOGNISED, "decision": decision.number},
                reason=str(decision),
            )
            count_recognitions(recognised, +1)
            Certificate.objects.bulk_create(
                [_certificate(a, decision, names, holders.get(a.pk)) for a in recognised]
            )
    except IntegrityError as exc:
        raise StepRefused(
            _("Số quyết định “%(number)s” đã được dùng ở cấp này.") % {"number": data.number}
        ) from exc
    return decision


def revoke(
    *, actor: User, assessment: Assessment, reason: str, expected_version: int | None = None
) -> Assessment:
    """Withdraw a recognition: the certificate's page says so from now on."""
    reason = reason.strip()
    if not reason:
        raise StepRefused(_("Hãy ghi lý do thu hồi công nhận."))
    with transaction.atomic():
        move(
            actor=actor,
            assessment=assessment,
            step=Step.REVOKE,
            expected_version=expected_version,
            reason=reason,
            fields={"revocation_reason": reason},
        )
        count_recognition(assessment, -1)
    return assessment


def _place_names(assessments: Sequence[Assessment]) -> dict[int, tuple[str, str]]:
    """(commune, province) names for each subject place, in two queries."""
    paths = {a.place.pk: a.place.path for a in assessments}
    ids = {pk for path in paths.values() for pk in Place.ids_in_path(path)}
    places = Place.objects.in_bulk(ids)
    names: dict[int, tuple[str, str]] = {}
    for pk, path in paths.items():
        chain = [places[p] for p in Place.ids_in_path(path) if p in places]
        commune = next((p.name for p in chain if p.level == Level.COMMUNE), "")
        province = next((p.name for p in chain if p.level == Level.PROVINCE), "")
        names[pk] = (commune, province)
    return names


def _holders(assessments: Sequence[Assessment]) -> dict[int, str]:
    """``holder_label()`` of the households among them, their heads' sexes read in one query
    (``household_name`` reads one head per household: the first by primary key)."""
    households = {a.household_id: a for a in assessments if a.household_id is not None}
    heads = Person.objects.filter(household_id__in=list(households), relation=Person.Relation.HEAD)
    sexes: dict[int, str] = {}
    for household_id, sex in heads.order_by("pk").values_list("household_id", "sex"):
        sexes.setdefault(household_id, sex)
    labels = {}
    for household_id, assessment in households.items():
        address = {"M": "ông", "F": "bà"}.get(sexes.get(household_id, ""))
        head_name = assessment.household.head_name  # type: ignore[union-attr]  # household_id is set
        labels[assessment.pk] = f"Hộ {address} {head_name}" if address else f"Hộ {head_name}"
    return labels


def certificate_payload(
    assessment: Assessment,
    decision: Decision,
    code: str,
    names: dict[int, tuple[str, str]],
    holder: str | None = None,
) -> dict[str, Any]:
    """What the certificate says and signs; ``holder`` when the caller has read it in bulk."""
    commune, province = names.get(assessment.place.pk, ("", ""))
    return {
        "v": 1,
        "id": code,
        "title": assessment.title,
        "title_name": str(Title(assessment.title).label),
        "holder": holder if holder is not None else assessment.holder_label(),
        "commune": commune,
        "province": province,
        "year": assessment.year,
        "issuer": decision.issuing_body,
        "decision": decision.number,
        "decision_date": decision.date.isoformat(),
        "valid_until": decision.valid_until.isoformat() if decision.valid_until else None,
        "key_id": signing.key_id(),
    }


def _certificate(
    assessment: Assessment,
    decision: Decision,
    names: dict[int, tuple[str, str]],
    holder: str | None,
) -> Certificate:
    certificate = Certificate(assessment=assessment)
    payload = certificate_payload(assessment, decision, certificate.code, names, holder)
    certificate.payload = payload
    certificate.signature = signing.sign(payload)
    certificate.key_id = payload["key_id"]
    return certificate
