"""A citizen asks to correct their own record; an officer who keeps the registry there applies
it (through the registry's own person form: validated as any edit, saved audited) or refuses it
with a reason. Applying one counts the citizen as having updated their record this year."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability, can
from xhht.accounts.models import User
from xhht.audit.actions import record_step
from xhht.audit.context import acting_as
from xhht.citizens.models import CorrectionRequest, SelfUpdate
from xhht.citizens.selfupdates import note_self_update
from xhht.core.text import fold
from xhht.core.workflow import ChangedMeanwhile, StepRefused, form_problems
from xhht.registry.forms import PersonForm
from xhht.registry.models import Person

#: Who applies or refuses a correction: whoever keeps the registry of the person's place.
DECIDE_CAPABILITY = Capability.MANAGE_REGISTRY
Field = CorrectionRequest.Field
CHOICE_FIELDS: dict[str, type[models.TextChoices]] = {
    Field.SEX: Person.Sex,
    Field.EDUCATION: Person.Education,
    Field.OCCUPATION: Person.Occupation,
}
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d")
#: At most this many requests wait for one person at a time.
PENDING_MAX = 10


def current_value(person: Person, field: str) -> str:
    """What the record says now, as the citizen reads it."""
    if field == Field.OTHER:
        return ""
    if field == Field.BIRTH_DATE:
        return person.birth_date.strftime("%d/%m/%Y") if person.birth_date else ""
    if field in CHOICE_FIELDS:
        return str(getattr(person, f"get_{field}_display")())
    return str(getattr(person, field) or "")


def parse_date(text: str) -> datetime.date | None:
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


def form_value(field: str, text: str) -> str:
    """The asked value as the registry's person form takes it, or ``StepRefused``."""
    text = text.strip()
    if field == Field.BIRTH_DATE:
        day = parse_date(text)
        if day is None:
            raise StepRefused(_("Ngày sinh phải viết dạng ngày/tháng/năm, ví dụ 05/09/1980."))
        return day.isoformat()
    if field in CHOICE_FIELDS:
        for code, label in CHOICE_FIELDS[field].choices:
            if fold(text) in {fold(str(code)), fold(str(label))}:
                return str(code)
        labels = ", ".join(str(label) for _code, label in CHOICE_FIELDS[field].choices)
        raise StepRefused(_("Hãy ghi một trong các giá trị: %(labels)s.") % {"labels": labels})
    return text


def request_correction(
    *, actor: User, person: Person, field: str, asked_value: str, note: str = ""
) -> CorrectionRequest:
    """The citizen linked to ``person`` asks; nothing is changed until an officer applies it."""
    if person.user_id != actor.pk:
        raise PermissionDenied
    if field not in Field.values:
        raise StepRefused(_("Hãy chọn thông tin cần sửa."))
    asked_value, note = asked_value.strip(), note.strip()
    if not asked_value:
        raise StepRefused(_("Hãy ghi thông tin đúng cần sửa thành."))
    if field != Field.OTHER:
        form_value(field, asked_value)  # refused now rather than by the officer later
    waiting = CorrectionRequest.objects.filter(person=person).pending()
    if waiting.count() >= PENDING_MAX:
        raise StepRefused(
            _("Bạn đã có %(n)s đề nghị đang chờ xử lý; hãy chờ cán bộ xử lý rồi gửi tiếp.")
            % {"n": PENDING_MAX}
        )
    request = CorrectionRequest(
        person=person,
        requested_by=actor,
        field=field,
        current_value=current_value(person, field)[:300],
        asked_value=asked_value,
        note=note,
    )
    request.full_clean(exclude=["person", "requested_by"])
    with transaction.atomic(), acting_as(actor):
        request.save()
        record_step(actor=actor, obj=request, step="correction_requested", place=person.place)
    return request


def _person_data(person: Person) -> dict[str, Any]:
    """The person form's fields as the record has them (the CCCD left empty: kept as stored)."""
    return {
        "full_name": person.full_name,
        "sex": person.sex,
        "birth_date": person.birth_date.isoformat() if person.birth_date else "",
        "birth_year": person.birth_year,
        "ethnicity": person.ethnicity,
        "education": person.education,
        "occupation": person.occupation,
        "phone": person.phone,
        "place": person.place_id,
        "relation": person.relation,
        "cccd": "",
        "household_code": person.household.code if person.household else "",
        "unit_code": person.unit.code if person.unit else "",
    }


def _require_decider(actor: User, request: CorrectionRequest) -> None:
    if not can(actor, DECIDE_CAPABILITY, request.person.place):
        raise PermissionDenied


def _decide(request: CorrectionRequest, actor: User, state: str, reason: str = "") -> None:
    moved = CorrectionRequest.objects.filter(
        pk=request.pk, state=CorrectionRequest.State.PENDING
    ).update(state=state, decided_by=actor, decided_at=timezone.now(), refusal_reason=reason)
    if moved != 1:
        raise ChangedMeanwhile(_("Đề nghị này vừa được người khác xử lý; hãy tải lại trang."))
    request.refresh_from_db()


def apply_correction(
    *, actor: User, request: CorrectionRequest, value: str | None = None
) -> CorrectionRequest:
    """Apply the asked value (or ``value``, the officer's corrected wording) to the record
    through the registry's person form; "other" requests are marked done (the officer edits
    the household or place through the registry)."""
    _require_decider(actor, request)
    if request.state != CorrectionRequest.State.PENDING:
        raise ChangedMeanwhile(_("Đề nghị này vừa được người khác xử lý; hãy tải lại trang."))
    person = Person.objects.select_related("household", "unit", "place").get(pk=request.person_id)
    with transaction.atomic(), acting_as(actor, reason=request.note):
        if request.field != Field.OTHER:
            data = _person_data(person)
            data[request.field] = form_value(request.field, value or request.asked_value)
            form = PersonForm(data, instance=person, user=actor)
            if not form.is_valid():
                raise StepRefused(_("Không sửa được hồ sơ:"), form_problems(form))
            form.save()
        _decide(request, actor, CorrectionRequest.State.APPLIED)
        record_step(
            actor=actor,
            obj=request,
            step="correction_applied",
            place=person.place,
            after={"field": request.field},
        )
        note_self_update(person=person, how=SelfUpdate.How.CORRECTION)
    return request


def refuse_correction(*, actor: User, request: CorrectionRequest, reason: str) -> None:
    _require_decider(actor, request)
    reason = reason.strip()
    if not reason:
        raise StepRefused(_("Hãy ghi lý do không sửa để công dân biết."))
    if len(reason) > 500:
        raise StepRefused(_("Lý do dài quá %(n)s ký tự.") % {"n": 500})
    with transaction.atomic(), acting_as(actor, reason=reason):
        _decide(request, actor, CorrectionRequest.State.REFUSED, reason)
        record_step(
            actor=actor,
            obj=request,
            step="correction_refused",
            place=request.person.place,
            reason=reason,
        )


def pending_for(user: User) -> QuerySet[CorrectionRequest]:
    """The requests waiting for ``user``'s decision."""
    return CorrectionRequest.objects.visible_to(user, DECIDE_CAPABILITY).filter(
        state=CorrectionRequest.State.PENDING
    )
