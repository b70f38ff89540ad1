"""Running a class: the steps a centre's staff take on a phone, each one audited and atomic.

Create the class, add its sessions, add participants from the registry (or head counts where
names are not kept), mark attendance per session, close it with completion and certificates.
Every step checks ``MANAGE_CLASSES`` at the class's place, refuses a closed class, and keeps the
participants' learning record (``record.keep_class_entries``) in the same transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability, require
from xhht.accounts.models import Body, User
from xhht.audit.actions import record_step
from xhht.audit.context import acting_as
from xhht.centres.models import (
    Attendance,
    Centre,
    HeadCount,
    LearningClass,
    Participation,
    Session,
    Topic,
)
from xhht.centres.record import keep_class_entries
from xhht.core.workflow import ChangedMeanwhile, StepRefused
from xhht.places.models import Place
from xhht.registry.models import Person

#: People added to a class at once (a search result page, an import row set is bulk).
MAX_ADDED_AT_ONCE = 200


def create_class(
    *,
    user: User,
    topic: Topic,
    title: str,
    place: Place,
    start_date: datetime.date,
    centre: Centre | None = None,
    end_date: datetime.date | None = None,
    organiser: Body | None = None,
    partners: Iterable[Body] = (),
    teachers: str = "",
    hours: Decimal = Decimal("0"),
    code: str = "",
) -> LearningClass:
    """A new class at ``centre`` (its place) or at ``place``; the user manages classes there."""
    where = centre.place if centre is not None else place
    require(user, Capability.MANAGE_CLASSES, where)
    if topic.province_id is not None and topic.province_id != where.root_id:
        raise StepRefused(_("Chủ đề này thuộc danh mục của tỉnh khác."))
    learning_class = LearningClass(
        code=code.strip(),
        topic=topic,
        title=title.strip(),
        centre=centre,
        place=where,
        start_date=start_date,
        end_date=end_date,
        organiser=organiser,
        teachers=teachers.strip(),
        hours=hours,
    )
    _validate(learning_class)
    with transaction.atomic(), acting_as(user):
        learning_class.save()
        learning_class.partners.set(list(partners))
    return learning_class


def _validate(learning_class: LearningClass) -> None:
    try:
        learning_class.full_clean(exclude=["partners"])
    except ValidationError as exc:
        raise StepRefused(_("Chưa lưu lớp."), _messages(exc)) from exc


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [str(m) for errors in exc.message_dict.values() for m in errors]
    return [str(m) for m in exc.messages]


def _editable(user: User, learning_class: LearningClass) -> LearningClass:
    """The class locked for this step, after the permission check; a closed class is refused."""
    require(user, Capability.MANAGE_CLASSES, learning_class.place)
    locked = (
        LearningClass.objects.select_for_update().select_related("place").get(pk=learning_class.pk)
    )
    if locked.status == LearningClass.Status.CLOSED:
        raise StepRefused(_("Lớp đã kết thúc; không sửa được nữa."))
    return locked


def add_session(
    *,
    user: User,
    learning_class: LearningClass,
    date: datetime.date,
    hours: Decimal,
    subject: str = "",
) -> Session:
    """A session of the class; the first one opens a planned class."""
    with transaction.atomic(), acting_as(user):
        locked = _editable(user, learning_class)
        if date < locked.start_date or (locked.end_date and date > locked.end_date):
            raise StepRefused(_("Ngày học phải nằm trong thời gian của lớp."))
        if hours <= 0 or hours > 24:
            raise StepRefused(_("Số giờ của một buổi học phải lớn hơn 0 và không quá 24."))
        session = Session.objects.create(
            learning_class=locked, date=date, hours=hours, subject=subject.strip()
        )
        _recount_hours(locked)
        if locked.status == LearningClass.Status.PLANNED:
            locked.status = LearningClass.Status.OPEN
            locked.save(update_fields=["status", "hours"])
        else:
            locked.save(update_fields=["hours"])
        keep_class_entries(learning_class=locked, person_ids=None)
    return session


def _recount_hours(locked: LearningClass) -> None:
    total = sum((s.hours for s in locked.sessions.all()), Decimal("0"))
    locked.hours = total


def add_participants(
    *, user: User, learning_class: LearningClass, people: Collection[Person]
) -> int:
    """Add people from the registry the user may see; those already in are left as they are.
    Returns how many were added."""
    if len(people) > MAX_ADDED_AT_ONCE:
        raise StepRefused(_("Mỗi lần thêm tối đa %(n)s người.") % {"n": MAX_ADDED_AT_ONCE})
    ids = {p.pk for p in people}
    with transaction.atomic(), acting_as(user):
        locked = _editable(user, learning_class)
        visible = set(
            Person.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True)
        )
        if visible != ids:
            raise StepRefused(_("Có người không thuộc địa bàn của bạn; chưa thêm ai."))
        present = set(
            locked.participations.filter(person_id__in=ids).values_list("person_id", flat=True)
        )
        new = sorted(ids - present)
        for person_id in new:
            Participation.objects.create(learning_class=locked, person_id=person_id)
        if new:
            keep_class_entries(learning_class=locked, person_ids=new)
    return len(new)


def remove_participant(*, user: User, participation: Participation) -> None:
    with transaction.atomic(), acting_as(user):
        locked = _editable(user, participation.learning_class)
        person_id = participation.person_id
        Participation.objects.get(pk=participation.pk, learning_class=locked).delete()
        keep_class_entries(learning_class=locked, person_ids=[person_id])


def set_head_counts(
    *, user: User, learning_class: LearningClass, counts: Mapping[tuple[str, str], int]
) -> None:
    """Participants counted by (sex, age group) where names are not kept; 0 removes a group."""
    sexes = set(Person.Sex.values)
    groups = set(HeadCount.AgeGroup.values)
    for (sex, group), count in counts.items():
        if sex not in sexes or group not in groups or count < 0:
            raise StepRefused(_("Số người theo giới tính và nhóm tuổi không hợp lệ."))
    with transaction.atomic(), acting_as(user):
        locked = _editable(user, learning_class)
        stored = {(h.sex, h.age_group): h for h in locked.head_counts.all()}
        for key, count in counts.items():
            row = stored.get(key)
            if row is None and count:
                HeadCount.objects.create(
                    learning_class=locked, sex=key[0], age_group=key[1], count=count
                )
            elif row is not None and not count:
                row.delete()
            elif row is not None and row.count != count:
                row.count = count
                row.save(update_fields=["count"])


def mark_attendance(*, user: User, session: Session, present: Collection[int]) -> None:
    """The session's attendance is exactly ``present`` (participation ids of the class)."""
    with transaction.atomic(), acting_as(user):
        locked = _editable(user, session.learning_class)
        participants = dict(locked.participations.values_list("pk", "person_id"))
        unknown = set(present) - set(participants)
        if unknown:
            raise ChangedMeanwhile(
                _("Danh sách học viên vừa thay đổi; hãy tải lại trang rồi điểm danh lại.")
            )
        before = set(session.attendances.values_list("participation_id", flat=True))
        after = set(present)
        if before == after:
            return
        for attendance in session.attendances.filter(participation_id__in=before - after):
            attendance.delete()
        Attendance.objects.bulk_create(
            [Attendance(session=session, participation_id=pk) for pk in sorted(after - before)]
        )
        record_step(
            actor=user,
            obj=session,
            step="mark_attendance",
            place=locked.place,
            before={"present": len(before)},
            after={
                "present": len(after),
                "added": len(after - before),
                "removed": len(before - after),
            },
        )
        changed = {participants[pk] for pk in before ^ after}
        keep_class_entries(learning_class=locked, person_ids=sorted(changed))


def close_class(
    *,
    user: User,
    learning_class: LearningClass,
    completed: Collection[int],
    certified: Collection[int],
    results: Mapping[int, str] | None = None,
    end_date: datetime.date | None = None,
) -> None:
    """Close the class: who completed it, who received a certificate (participation ids), each
    one's result; the class's certificate count follows. A closed class cannot be changed."""
    results = results or {}
    with transaction.atomic(), acting_as(user):
        locked = _editable(user, learning_class)
        participations = list(locked.participations.all())
        ids = {p.pk for p in participations}
        if not set(completed) <= ids or not set(certified) <= ids or not set(results) <= ids:
            raise ChangedMeanwhile(
                _("Danh sách học viên vừa thay đổi; hãy tải lại trang rồi kết thúc lớp.")
            )
        if not set(certified) <= set(completed):
            raise StepRefused(_("Chỉ người hoàn thành lớp mới được cấp chứng chỉ."))
        for participation in participations:
            values = {
                "completed": participation.pk in completed,
                "certificate": participation.pk in certified,
                "result": results.get(participation.pk, participation.result).strip()[:200],
            }
            changed = [k for k, v in values.items() if getattr(participation, k) != v]
            for name in changed:
                setattr(participation, name, values[name])
            if changed:
                participation.save(update_fields=changed)
        locked.status = LearningClass.Status.CLOSED
        locked.certificates_issued = len(set(certified))
        locked.end_date = (
            end_date
            or locked.end_date
            or max([s.date for s in locked.sessions.all()] or [locked.start_date])
        )
        if locked.end_date < locked.start_date:
            raise StepRefused(_("Ngày kết thúc không được trước ngày bắt đầu."))
        locked.save(update_fields=["status", "certificates_issued", "end_date"])
        record_step(
            actor=user,
            obj=locked,
            step="close_class",
            place=locked.place,
            after={
                "participants": len(participations),
                "completed": len(set(completed)),
                "certificates": len(set(certified)),
            },
        )
        keep_class_entries(learning_class=locked, person_ids=None)
