"""Each person's learning record (sổ theo dõi học tập): the steps that write it.

* ``keep_class_entries``: the class actions call it after every change of participants,
  sessions, attendance, results or the class's state, inside their transaction; a participant's
  line of kind "class" then matches their participation (idempotent). ``keep_entries_of_classes``
  does the same for many classes in bulk (an import: one audit step for the whole file).
* ``declare_learning``: a citizen adds what they learned on their own (online course, book,
  training at work); ``confirm_entry`` / ``refuse_entry``: an officer of the person's place
  holding ``MANAGE_CLASSES`` confirms it or refuses it with a reason (never their own);
  ``withdraw_entry``: the citizen takes back a line not yet confirmed.

A line of a class is hours from the sessions the person attended (a class kept without sessions
counts its hours for those who completed it), the participation's result, the class's year,
title, topic and where it was held. It is deleted with the participation (``CASCADE``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability, require
from xhht.accounts.models import User
from xhht.audit.actions import record_step
from xhht.audit.context import acting_as
from xhht.centres.models import (
    Attendance,
    LearningClass,
    LearningEntry,
    Participation,
    Session,
    Topic,
)
from xhht.core.workflow import ChangedMeanwhile, StepRefused
from xhht.registry.models import Person

#: Who confirms self-declared learning: an officer holding it at the person's place.
CONFIRM_CAPABILITY = Capability.MANAGE_CLASSES
#: Self-declared kinds a citizen may choose (a class line comes from the class itself).
DECLARED_KINDS = [k for k in LearningEntry.Kind if k != LearningEntry.Kind.CLASS]
#: The fields of a class line that follow the participation.
CLASS_FIELDS = ("year", "topic_id", "title", "hours", "result", "source")
MAX_HOURS = Decimal("10000")
#: Lines written per statement by the bulk path.
BATCH = 1000


def _class_line(
    learning_class: LearningClass,
    participation: Participation,
    attended: Decimal | None,
    kept_sessions: bool,
) -> dict[str, Any]:
    """The values of a participant's class line (``learning_class`` with centre and place)."""
    if kept_sessions:
        hours = attended or Decimal("0")
    else:
        hours = learning_class.hours if participation.completed else Decimal("0")
    centre = learning_class.centre
    where = centre.name if centre is not None else learning_class.place.name
    return {
        "year": learning_class.start_date.year,
        "topic_id": learning_class.topic_id,
        "title": learning_class.title[:300],
        "hours": Decimal(hours),
        "result": participation.result,
        "source": where[:300],
    }


def keep_class_entries(
    *, learning_class: LearningClass, person_ids: Iterable[int] | None = None
) -> None:
    """Make the learning-record lines of the class's participants (all, or those of
    ``person_ids``) match their participation: create what is missing, save only what changed.
    Call inside the class action's transaction; a fixed number of queries plus one write per
    changed line (each audited)."""
    participations = Participation.objects.filter(learning_class=learning_class)
    if person_ids is not None:
        ids = list(person_ids)
        if not ids:
            return
        participations = participations.filter(person_id__in=ids)
    rows = list(participations.select_related("person__place"))
    if not rows:
        return
    attended = dict(
        Attendance.objects.filter(participation__in=[p.pk for p in rows])
        .values("participation_id")
        .annotate(hours=Sum("session__hours"))
        .values_list("participation_id", "hours")
    )
    kept_sessions = learning_class.sessions.exists()
    entries = {
        e.participation_id: e
        for e in LearningEntry.objects.filter(participation__in=[p.pk for p in rows])
    }
    for participation in rows:
        wanted = _class_line(
            learning_class, participation, attended.get(participation.pk), kept_sessions
        )
        entry = entries.get(participation.pk)
        if entry is None:
            LearningEntry.objects.create(
                person=participation.person,
                kind=LearningEntry.Kind.CLASS,
                participation=participation,
                **wanted,
            )
            continue
        changed = [name for name, value in wanted.items() if getattr(entry, name) != value]
        if changed:
            for name in changed:
                setattr(entry, name, wanted[name])
            entry.person = participation.person  # its place, for the trail, without a query
            entry.save(update_fields=[name.removesuffix("_id") for name in changed])


def keep_entries_of_classes(*, classes: Sequence[LearningClass]) -> int:
    """``keep_class_entries`` for every participant of many classes at once (an import): five
    queries to read, then bulk inserts and updates, with no audit entry per line (the caller
    writes one step for the whole import). Returns how many lines were created or changed.
    Call inside the caller's transaction."""
    class_ids = [c.pk for c in classes]
    if not class_ids:
        return 0
    by_id = {
        c.pk: c
        for c in LearningClass.objects.filter(pk__in=class_ids).select_related("centre", "place")
    }
    rows = list(
        Participation.objects.filter(learning_class_id__in=class_ids).only(
            "pk", "learning_class_id", "person_id", "completed", "result"
        )
    )
    attended = dict(
        Attendance.objects.filter(participation__learning_class_id__in=class_ids)
        .values("participation_id")
        .annotate(hours=Sum("session__hours"))
        .values_list("participation_id", "hours")
    )
    with_sessions = set(
        Session.objects.filter(learning_class_id__in=class_ids)
        .values_list("learning_class_id", flat=True)
        .distinct()
    )
    entries = {
        e.participation_id: e
        for e in LearningEntry.objects.filter(participation__learning_class_id__in=class_ids)
    }
    created: list[LearningEntry] = []
    changed: list[LearningEntry] = []
    for participation in rows:
        class_id = participation.learning_class_id
        wanted = _class_line(
            by_id[class_id],
            participation,
            attended.get(participation.pk),
            class_id in with_sessions,
        )
        entry = entries.get(participation.pk)
        if entry is None:
            created.append(
                LearningEntry(
                    person_id=participation.person_id,
                    kind=LearningEntry.Kind.CLASS,
                    participation_id=participation.pk,
                    **wanted,
                )
            )
        elif any(getattr(entry, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(entry, name, value)
            changed.append(entry)
    LearningEntry.objects.bulk_create(created, batch_size=BATCH)
    LearningEntry.objects.bulk_update(
        changed, [name.removesuffix("_id") for name in CLASS_FIELDS], batch_size=BATCH
    )
    return len(created) + len(changed)


def declare_learning(
    *,
    user: User,
    person: Person,
    year: int,
    kind: str,
    title: str,
    hours: Decimal,
    source: str = "",
    result: str = "",
    topic: Topic | None = None,
) -> LearningEntry:
    """A line the citizen declares for their own record; it counts once confirmed."""
    require(user, Capability.SELF_SERVICE)
    if person.user_id != user.pk:
        raise StepRefused(_("Chỉ tự khai được học tập của chính mình."))
    if kind not in DECLARED_KINDS:
        raise StepRefused(_("Hãy chọn hình thức học tập."))
    if not title.strip():
        raise StepRefused(_("Hãy ghi nội dung đã học."))
    if hours < 0 or hours > MAX_HOURS:
        raise StepRefused(_("Số giờ phải từ 0 đến 10.000."))
    this_year = timezone.localdate().year
    if not 1990 <= year <= this_year:
        raise StepRefused(_("Năm học tập phải từ 1990 đến %(year)s.") % {"year": this_year})
    with transaction.atomic(), acting_as(user):
        return LearningEntry.objects.create(
            person=person,
            year=year,
            kind=kind,
            topic=topic,
            title=title.strip()[:300],
            hours=hours,
            result=result.strip()[:200],
            source=source.strip()[:300],
        )


def _pending(entry: LearningEntry) -> LearningEntry:
    """The entry locked, still self-declared and neither confirmed nor refused."""
    locked = (
        LearningEntry.objects.select_for_update()
        .select_related("person__place")
        .filter(pk=entry.pk)
        .first()
    )
    if locked is None or locked.kind == LearningEntry.Kind.CLASS:
        raise ChangedMeanwhile(_("Dòng học tập này không còn chờ xác nhận."))
    if locked.confirmed_at is not None or locked.refused_at is not None:
        raise ChangedMeanwhile(_("Dòng học tập này đã được xử lý."))
    return locked


def _check_confirmer(user: User, entry: LearningEntry) -> None:
    require(user, CONFIRM_CAPABILITY, entry.person.place)
    if entry.person.user_id is not None and entry.person.user_id == user.pk:
        raise StepRefused(_("Không thể tự xác nhận học tập của chính mình."))


def confirm_entry(*, user: User, entry: LearningEntry) -> LearningEntry:
    """An officer of the person's place confirms a self-declared line: it now counts."""
    with transaction.atomic(), acting_as(user):
        locked = _pending(entry)
        _check_confirmer(user, locked)
        locked.confirmed_by = user
        locked.confirmed_at = timezone.now()
        locked.save(update_fields=["confirmed_by", "confirmed_at"])
        record_step(actor=user, obj=locked, step="confirm_learning", place=locked.person.place)
    return locked


def refuse_entry(*, user: User, entry: LearningEntry, reason: str) -> LearningEntry:
    """An officer refuses a self-declared line with a reason the citizen reads."""
    reason = reason.strip()
    if not reason:
        raise StepRefused(_("Hãy ghi lý do không xác nhận."))
    with transaction.atomic(), acting_as(user, reason=reason):
        locked = _pending(entry)
        _check_confirmer(user, locked)
        locked.refused_by = user
        locked.refused_at = timezone.now()
        locked.refusal_reason = reason[:500]
        locked.save(update_fields=["refused_by", "refused_at", "refusal_reason"])
        record_step(
            actor=user,
            obj=locked,
            step="refuse_learning",
            place=locked.person.place,
            reason=reason,
        )
    return locked


def withdraw_entry(*, user: User, entry: LearningEntry) -> None:
    """The citizen takes back a line of their own that is not confirmed yet."""
    with transaction.atomic(), acting_as(user):
        locked = (
            LearningEntry.objects.select_for_update()
            .select_related("person__place")
            .filter(pk=entry.pk)
            .first()
        )
        if locked is None or locked.person.user_id != user.pk or not locked.self_declared:
            raise StepRefused(_("Chỉ rút được dòng tự khai của chính mình."))
        if locked.confirmed_at is not None:
            raise StepRefused(_("Dòng đã được xác nhận; không rút được nữa."))
        record_step(actor=user, obj=locked, step="withdraw_learning", place=locked.person.place)
        locked.delete()
