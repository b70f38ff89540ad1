"""The association's steps on branches and members: keyword-only, atomic, audited.

Every step checks ``MANAGE_ASSOCIATION`` at the branch's place (a commune's officer acts on the
commune's branches, the province's on all of the province), validates with the model's rules and
says in Vietnamese what to fix; nothing is half-saved. A member is a person of the registry found
among the people the user sees, or a name and a birth year when the person is not in the
registry. Members are never deleted: one who leaves keeps their row with the date and reason.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability, can, require
from xhht.accounts.models import Body, User
from xhht.association.models import Branch, Member, MembershipFigure
from xhht.audit.actions import record_step
from xhht.audit.context import acting_as
from xhht.core.workflow import ChangedMeanwhile, StepRefused
from xhht.places.models import Place
from xhht.registry.models import Person, Unit

MANAGE = Capability.MANAGE_ASSOCIATION


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [str(m) for errors in exc.message_dict.values() for m in errors]
    return [str(m) for m in exc.messages]


def _validate(record: Any, refused: str) -> None:
    try:
        record.full_clean()
    except ValidationError as exc:
        raise StepRefused(refused, _messages(exc)) from exc


def _not_future(day: datetime.date | None, what: str) -> None:
    if day is not None and day > timezone.localdate():
        raise StepRefused(_("%(what)s không thể sau ngày hôm nay.") % {"what": what})


def _check_links(user: User, *, unit: Unit | None, body: Body | None) -> None:
    """The unit and the body must be ones the user sees. The branch above may sit above the
    user's scope (a commune's association under the province's): the model's rule that its place
    contains the branch's place is the check, and it names nothing outside the scope."""
    if unit is not None and not can(user, Capability.VIEW, unit.place):
        raise StepRefused(_("Không tìm thấy đơn vị đã chọn trong phạm vi của bạn."))
    if body is not None and not can(user, Capability.VIEW, body.place):
        raise StepRefused(_("Không tìm thấy cơ quan đã chọn trong phạm vi của bạn."))


# Branches ------------------------------------------------------------------------------------


def create_branch(
    *,
    user: User,
    name: str,
    kind: str,
    place: Place,
    parent: Branch | None = None,
    unit: Unit | None = None,
    body: Body | None = None,
    founded_on: datetime.date | None = None,
    keeps_totals: bool = False,
) -> Branch:
    """A new branch at ``place``, where the user manages the association."""
    require(user, MANAGE, place)
    _check_links(user, unit=unit, body=body)
    _not_future(founded_on, _("Ngày thành lập"))
    branch = Branch(
        name=name.strip(),
        kind=kind,
        place=place,
        parent=parent,
        unit=unit,
        body=body,
        founded_on=founded_on,
        keeps_totals=keeps_totals,
    )
    _validate(branch, _("Chưa lưu chi hội."))
    with transaction.atomic(), acting_as(user):
        branch.save()
    return branch


def update_branch(
    *,
    user: User,
    branch: Branch,
    name: str,
    kind: str,
    place: Place,
    parent: Branch | None = None,
    unit: Unit | None = None,
    body: Body | None = None,
    founded_on: datetime.date | None = None,
    keeps_totals: bool = False,
) -> Branch:
    """Change a branch; the user manages the association at its old place and its new one."""
    with transaction.atomic(), acting_as(user):
        locked = Branch.objects.select_for_update().select_related("place").get(pk=branch.pk)
        require(user, MANAGE, locked.place)
        require(user, MANAGE, place)
        _check_links(user, unit=unit, body=body)
        _not_future(founded_on, _("Ngày thành lập"))
        if parent is not None and (parent.pk == locked.pk or _below(parent, locked)):
            raise StepRefused(_("Hội cấp trên không thể là chính chi hội hay chi hội con."))
        locked.name = name.strip()
        locked.kind = kind
        locked.place = place
        locked.parent = parent
        locked.unit = unit
        locked.body = body
        locked.founded_on = founded_on
        locked.keeps_totals = keeps_totals
        _validate(locked, _("Chưa lưu chi hội."))
        locked.save()
    return locked


def _below(candidate: Branch, branch: Branch) -> bool:
    """Whether ``candidate`` lies under ``branch`` in the branch tree (a loop if made parent)."""
    seen: set[int] = set()
    current: Branch | None = candidate
    while current is not None and current.pk not in seen:
        if current.pk == branch.pk:
            return True
        seen.add(current.pk)
        current = current.parent
    return False


def dissolve_branch(
    *, user: User, branch: Branch, dissolved_on: datetime.date, reason: str
) -> Branch:
    """A branch dissolved or merged: it keeps its history; its members must have left first."""
    if not reason.strip():
        raise StepRefused(_("Cần ghi lý do giải thể, sáp nhập."))
    _not_future(dissolved_on, _("Ngày giải thể"))
    with transaction.atomic(), acting_as(user, reason=reason):
        locked = Branch.objects.select_for_update().select_related("place").get(pk=branch.pk)
        require(user, MANAGE, locked.place)
        if locked.dissolved_on is not None:
            raise ChangedMeanwhile(_("Chi hội đã giải thể từ trước."))
        current = locked.members.filter(left_on__isnull=True).count()
        if current:
            raise StepRefused(
                _("Chi hội còn %(n)s hội viên; ghi hội viên ra khỏi hội hoặc chuyển chi hội trước.")
                % {"n": current}
            )
        if locked.children.filter(dissolved_on__isnull=True).exists():
            raise StepRefused(_("Chi hội còn chi hội trực thuộc đang hoạt động."))
        locked.dissolved_on = dissolved_on
        _validate(locked, _("Chưa lưu chi hội."))
        locked.save()
        record_step(
            actor=user,
            obj=locked,
            step="dissolve_branch",
            place=locked.place,
            after={"dissolved_on": dissolved_on.isoformat()},
            reason=reason.strip(),
        )
    return locked


# Members -------------------------------------------------------------------------------------


def _active_branch(user: User, branch: Branch) -> Branch:
    locked = Branch.objects.select_for_update().select_related("place").get(pk=branch.pk)
    require(user, MANAGE, locked.place)
    if locked.dissolved_on is not None:
        raise StepRefused(_("Chi hội đã giải thể; không thêm, sửa hội viên được nữa."))
    return locked


def _person_in_scope(user: User, person: Person) -> Person:
    found = Person.objects.visible_to(user).filter(pk=person.pk).first()
    if found is None:
        raise StepRefused(_("Không tìm thấy công dân đã chọn trong phạm vi của bạn."))
    return found


def add_member(
    *,
    user: User,
    branch: Branch,
    joined_on: datetime.date,
    role: str = Member.Role.MEMBER,
    person: Person | None = None,
    full_name: str = "",
    birth_year: int | None = None,
    sex: str = "",
) -> Member:
    """A member of ``branch``: a person of the registry (name, birth year and sex copied from the
    record), or a name and a birth year when the person is not in the registry."""
    _not_future(joined_on, _("Ngày vào hội"))
    with transaction.atomic(), acting_as(user):
        locked = _active_branch(user, branch)
        member = Member(branch=locked, joined_on=joined_on, role=role)
        if person is not None:
            found = _person_in_scope(user, person)
            member.person = found
            member.full_name = found.full_name
            member.birth_year = found.birth_year
            member.sex = found.sex
        else:
            member.full_name = " ".join(full_name.split())
            member.birth_year = birth_year
            member.sex = sex
            if not member.full_name:
                raise StepRefused(_("Chọn một công dân trong sổ hoặc ghi họ và tên hội viên."))
        _validate(member, _("Chưa lưu hội viên."))
        try:
            with transaction.atomic():
                member.save()
        except IntegrityError as exc:
            raise StepRefused(_("Người này đã là hội viên của chi hội.")) from exc
    return member


def update_member(
    *,
    user: User,
    member: Member,
    joined_on: datetime.date,
    role: str,
    full_name: str = "",
    birth_year: int | None = None,
    sex: str = "",
) -> Member:
    """Change a member's role or join date (and, for one not in the registry, name and year)."""
    _not_future(joined_on, _("Ngày vào hội"))
    with transaction.atomic(), acting_as(user):
        locked = (
            Member.objects.select_for_update().select_related("branch__place").get(pk=member.pk)
        )
        _active_branch(user, locked.branch)
        locked.joined_on = joined_on
        locked.role = role
        if locked.person_id is None:
            locked.full_name = " ".join(full_name.split())
            locked.birth_year = birth_year
            locked.sex = sex
            if not locked.full_name:
                raise StepRefused(_("Cần ghi họ và tên hội viên."))
        _validate(locked, _("Chưa lưu hội viên."))
        locked.save()
    return locked


def member_leaves(*, user: User, member: Member, left_on: datetime.date, reason: str) -> Member:
    """A member leaves the association (moved away, resigned, died): the row stays, dated."""
    if not reason.strip():
        raise StepRefused(_("Cần ghi lý do ra khỏi hội."))
    _not_future(left_on, _("Ngày ra khỏi hội"))
    with transaction.atomic(), acting_as(user, reason=reason):
        locked = (
            Member.objects.select_for_update().select_related("branch__place").get(pk=member.pk)
        )
        require(user, MANAGE, locked.branch.place)
        if locked.left_on is not None:
            raise ChangedMeanwhile(_("Hội viên này đã ra khỏi hội từ trước."))
        if left_on < locked.joined_on:
            raise StepRefused(_("Ngày ra khỏi hội không thể trước ngày vào hội."))
        locked.left_on = left_on
        locked.leave_reason = reason.strip()[:300]
        locked.save()
        record_step(
            actor=user,
            obj=locked,
            step="member_leaves",
            place=locked.branch.place,
            after={"left_on": left_on.isoformat()},
            reason=reason.strip(),
        )
    return locked


# Entered yearly figures ----------------------------------------------------------------------


def record_figure(
    *,
    user: User,
    branch: Branch,
    year: int,
    members: int,
    joined: int = 0,
    left: int = 0,
    source: str = "",
) -> MembershipFigure:
    """A year's totals of a branch that keeps only totals (entered, marked as such)."""
    with transaction.atomic(), acting_as(user):
        locked = Branch.objects.select_for_update().select_related("place").get(pk=branch.pk)
        require(user, MANAGE, locked.place)
        if not locked.keeps_totals:
            raise StepRefused(
                _("Chi hội này có danh sách hội viên: số liệu được tính từ danh sách, không nhập.")
            )
        if year > timezone.localdate().year:
            raise StepRefused(_("Chưa nhập được số liệu của năm chưa đến."))
        if min(members, joined, left) < 0:
            raise StepRefused(_("Số liệu không được âm."))
        figure = MembershipFigure.objects.filter(branch=locked, year=year).first()
        if figure is None:
            figure = MembershipFigure(branch=locked, year=year)
        figure.members, figure.joined, figure.left = members, joined, left
        figure.source = source.strip()[:300]
        _validate(figure, _("Chưa lưu số liệu."))
        figure.save()
    return figure
