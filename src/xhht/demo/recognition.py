"""The demo's year of learning titles: every title in every state, through the workflow's steps.

Each assessment is walked by the people whose job it is (the hamlet head registers and
self-assesses a family, the reviewer reviews, the commune officer decides), with evidence drawn
by ``demo.evidence``; recognised ones get a decision and certificates, one is then revoked. The
citizen login gets last year's certificate and this year's registration to self-assess.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from xhht.accounts.models import User
from xhht.criteria.models import Title
from xhht.demo import evidence
from xhht.places.models import Level, Place
from xhht.recognition import actions
from xhht.recognition.actions.workflow import Subject
from xhht.recognition.criteria_link import groups_of, items_of
from xhht.recognition.models import Assessment, State
from xhht.registry.models import Clan, Household, Person, Unit


@dataclass(frozen=True)
class Desk:
    """Who acts in one commune: registers and self-assesses, reviews, decides."""

    commune: Place
    assessor: User
    reviewer: User
    officer: User


#: The states each title is seeded in, one subject each, in the first commune (the last ones
#: may fall in the second when the first has too few subjects): every state once, then more.
STATES: list[str] = [
    State.RECOGNISED,
    State.REVOKED,
    State.PROPOSED,
    State.REVIEWED,
    State.RETURNED,
    State.SELF_ASSESSED,
    State.REGISTERED,
    State.RECOGNISED,
    State.PROPOSED,
    State.SELF_ASSESSED,
    State.REGISTERED,
]
#: In the second commune, so its officer has files to decide and to review too.
SECOND_COMMUNE_STATES: list[str] = [State.PROPOSED, State.SELF_ASSESSED, State.REGISTERED]

RETURN_MESSAGE = "Bổ sung ảnh chụp giấy chứng nhận học tập của người lớn trong năm."
REVOKE_REASON = "Hồ sơ kê khai chưa đúng thực tế (kiểm tra lại sau khi công nhận)."


def marks_for(assessment: Assessment, note_key: str = "note") -> dict[str, dict[str, Any]]:
    """Marks near the maximum (every other item one point short): a clear pass."""
    marks: dict[str, dict[str, Any]] = {}
    for index, item in enumerate(items_of(assessment.criteria_set, assessment.group)):
        if item.kind == "pass_fail":
            marks[item.code] = {"met": True, note_key: ""}
            continue
        top = item.max_points or Decimal(0)
        points = top - 1 if index % 2 and top > 1 else top
        marks[item.code] = {"points": str(points), note_key: ""}
    return marks


def _group(assessment: Assessment) -> str:
    groups = groups_of(assessment.criteria_set)
    return groups[0][0] if groups else ""


def _self_assess(assessment: Assessment, actor: User, *, with_pdf: bool) -> Assessment:
    group = _group(assessment)
    if group and not assessment.group:
        actions.save_answers(actor=actor, assessment=assessment, answers={}, group=group)
    items = items_of(assessment.criteria_set, assessment.group or group)
    title, subject = Title(assessment.title).label, assessment.subject_name()
    actions.add_evidence(
        actor=actor,
        assessment=assessment,
        item_code=items[0].code,
        upload=evidence.photo(str(title), subject, assessment.year),
    )
    if with_pdf:
        actions.add_evidence(
            actor=actor,
            assessment=assessment,
            item_code=items[-1].code,
            upload=evidence.minutes_pdf(str(title), subject, assessment.year),
        )
    return actions.submit_self_assessment(
        actor=actor, assessment=assessment, answers=marks_for(assessment), group=group
    )


def walk(
    *,
    title: str,
    subject: Subject,
    year: int,
    target: str,
    desk: Desk,
    assessor: User | None = None,
) -> Assessment:
    """Register ``subject`` and take the steps up to ``target`` (proposed at most; a decision
    is taken for many at once by ``decide``)."""
    by = assessor or desk.assessor
    assessment = actions.register(actor=by, title=title, subject=subject, year=year)
    if target == State.REGISTERED:
        return assessment
    assessment = _self_assess(assessment, by, with_pdf=target == State.PROPOSED)
    if target == State.SELF_ASSESSED:
        return assessment
    if target == State.RETURNED:
        return actions.return_for_correction(
            actor=desk.reviewer, assessment=assessment, message=RETURN_MESSAGE
        )
    assessment = actions.review(
        actor=desk.reviewer,
        assessment=assessment,
        marks=marks_for(assessment, "comment"),
        comment="Hồ sơ đầy đủ, minh chứng rõ ràng.",
    )
    if target == State.REVIEWED:
        return assessment
    return actions.propose(actor=desk.reviewer, assessment=assessment)


def decide(
    *, assessments: Sequence[Assessment], desk: Desk, number: str, date: datetime.date
) -> None:
    commune = desk.commune
    actions.recognise(
        actor=desk.officer,
        assessments=list(assessments),
        data=actions.DecisionData(
            number=number,
            date=date,
            signer_name="Nguyễn Văn Minh",
            signer_position="Chủ tịch",
            issuing_body=f"Ủy ban nhân dân {commune.name}",
            place_name=commune.name,
        ),
    )


def _subjects(
    title: str, desks: Sequence[Desk], hamlet: Place, own: Person | None
) -> list[Subject]:
    """Candidates for ``title``, those of the first commune (the hamlet's, for people and
    households) first; never the citizen login's own record or household."""
    first, second = desks[0].commune, desks[-1].commune
    found: list[Any]
    if title == Title.FAMILY:
        households = Household.objects.filter(place=hamlet)
        if own is not None and own.household_id is not None:
            households = households.exclude(pk=own.household_id)
        found = list(households.order_by("code"))
    elif title == Title.CITIZEN:
        adults = Person.objects.filter(place=hamlet, birth_year__lte=hamlet_year() - 18)
        if own is not None:
            adults = adults.exclude(pk=own.pk)
        found = list(adults.order_by("pk"))
    elif title == Title.CLAN:
        found = list(Clan.objects.filter(commune=first).order_by("code"))
        found += list(Clan.objects.filter(commune=second).order_by("code"))
    elif title == Title.UNIT:
        found = list(Unit.objects.filter(place__path__startswith=first.path).order_by("code"))
        found += list(Unit.objects.filter(place__path__startswith=second.path).order_by("code"))
    else:
        places = Place.objects.current().filter(level=Level.HAMLET)
        found = list(places.filter(parent=first).by_name())
        found += list(places.filter(parent=second).by_name())
    return found


def hamlet_year() -> int:
    return timezone.localdate().year


def _commune_of(subject: Subject, desks: Sequence[Desk]) -> Desk:
    place: Place
    if isinstance(subject, Clan):
        place = subject.commune
    elif isinstance(subject, Place):
        place = subject
    else:
        place = subject.place
    for desk in desks:
        if place.path.startswith(desk.commune.path):
            return desk
    return desks[0]


def seed_titles(
    *,
    year: int,
    desks: Sequence[Desk],
    hamlet: Place,
    hamlet_head: User,
    citizen: User | None,
    decision_date: datetime.date,
) -> int:
    """Every title in every state; returns how many assessments were made."""
    own = Person.objects.filter(user=citizen).first() if citizen is not None else None
    made = 0
    first_desk, second_desk = desks[0], desks[-1]
    for number, title in enumerate(
        [Title.FAMILY, Title.CLAN, Title.UNIT, Title.COMMUNITY, Title.CITIZEN], start=12
    ):
        person_title = title in {Title.FAMILY, Title.CITIZEN}
        candidates = _subjects(title, desks, hamlet, own)
        recognised: dict[Place, list[Assessment]] = {}
        revoke_next: list[Assessment] = []
        for target, subject in zip(STATES, candidates, strict=False):
            desk = _commune_of(subject, desks)
            assessor = hamlet_head if person_title else desk.assessor
            wanted = State.PROPOSED if target in {State.RECOGNISED, State.REVOKED} else target
            assessment = walk(
                title=title,
                subject=subject,
                year=year,
                target=wanted,
                desk=desk,
                assessor=assessor,
            )
            made += 1
            if target in {State.RECOGNISED, State.REVOKED}:
                recognised.setdefault(desk.commune, []).append(assessment)
                if target == State.REVOKED:
                    revoke_next.append(assessment)
        for desk in desks:
            if desk.commune in recognised:
                decide(
                    assessments=recognised[desk.commune],
                    desk=desk,
                    number=f"{number}/QĐ-UBND",
                    date=decision_date,
                )
        for assessment in revoke_next:
            assessment.refresh_from_db()
            actions.revoke(
                actor=_commune_of(assessment.place, desks).officer,
                assessment=assessment,
                reason=REVOKE_REASON,
            )
        if title == Title.CITIZEN or second_desk is first_desk:
            continue
        # The second commune's own files: its officer registers, reviews and decides.
        if title == Title.FAMILY:
            made += seed_family_second_commune(year=year, desk=second_desk)
            continue
        used = {c.pk for c in candidates[: len(STATES)]}
        others = [
            s for s in candidates if s.pk not in used and _commune_of(s, desks) is second_desk
        ]
        for target, subject in zip(SECOND_COMMUNE_STATES, others, strict=False):
            walk(title=title, subject=subject, year=year, target=target, desk=second_desk)
            made += 1
    return made


def seed_family_second_commune(*, year: int, desk: Desk) -> int:
    """Families of the second commune waiting for its officer (proposed, self-assessed)."""
    hamlet = (
        Place.objects.current()
        .filter(parent=desk.commune, level=Level.HAMLET, households__isnull=False)
        .by_name()
        .first()
    )
    if hamlet is None:
        return 0
    households = Household.objects.filter(place=hamlet).order_by("code")
    for target, household in zip(SECOND_COMMUNE_STATES, households, strict=False):
        walk(title=Title.FAMILY, subject=household, year=year, target=target, desk=desk)
    return min(len(SECOND_COMMUNE_STATES), households.count())


def seed_citizen(*, citizen: User, year: int, desk: Desk, hamlet_head: User) -> int:
    """The citizen login: last year's title recognised (a certificate), this year's to do."""
    person = Person.objects.filter(user=citizen).first()
    if person is None:
        return 0
    last = walk(
        title=Title.CITIZEN,
        subject=person,
        year=year - 1,
        target=State.PROPOSED,
        desk=desk,
        assessor=hamlet_head,
    )
    decide(
        assessments=[last],
        desk=desk,
        number="45/QĐ-UBND",
        date=datetime.date(year - 1, 12, 15),
    )
    walk(
        title=Title.CITIZEN,
        subject=person,
        year=year,
        target=State.REGISTERED,
        desk=desk,
        assessor=hamlet_head,
    )
    return 2
