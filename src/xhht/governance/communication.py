"""Communication work: recording an activity (for a place, or for a body one acts for) and
removing a mistaken one. The counts follow through ``governance.counters``' signals."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability, acting_scope, path_under
from xhht.accounts.models import Body, User
from xhht.audit.actions import record_step
from xhht.audit.context import acting_as
from xhht.core.workflow import StepRefused
from xhht.governance.models import CommunicationActivity
from xhht.places.models import Place


def may_record(user: User, *, place: Place | None, body: Body | None) -> bool:
    """A body's officer for their own body; a place role with REPORT over the place."""
    prefixes, bodies = acting_scope(user, Capability.REPORT)
    if body is not None:
        return body.pk in bodies or path_under(body.place.path, prefixes)
    return place is not None and path_under(place.path, prefixes)


def record_activity(
    *,
    actor: User,
    kind: str,
    title: str,
    date: datetime.date,
    audience: int,
    place: Place | None = None,
    body: Body | None = None,
    link: str = "",
    note: str = "",
    today: datetime.date | None = None,
) -> CommunicationActivity:
    if not may_record(actor, place=place, body=body):
        raise PermissionDenied
    problems = []
    if kind not in CommunicationActivity.Kind.values:
        problems.append(_("Hình thức không hợp lệ."))
    if not title.strip():
        problems.append(_("Hãy ghi tên hoạt động."))
    if audience < 0:
        problems.append(_("Số người được tiếp cận không được âm."))
    if today is not None and date > today:
        problems.append(_("Ngày của hoạt động chưa đến: chỉ ghi hoạt động đã diễn ra."))
    if problems:
        raise StepRefused(_("Chưa ghi được hoạt động."), problems)
    where = body.place if body is not None else place
    assert where is not None  # noqa: S101 - may_record needs a place or a body
    with transaction.atomic(), acting_as(actor):
        activity = CommunicationActivity.objects.create(
            kind=kind,
            title=title.strip(),
            date=date,
            place=where,
            body=body,
            audience=audience,
            link=link.strip(),
            note=note.strip(),
            created_by=actor,
        )
        record_step(actor=actor, obj=activity, step="communication_record", place=where)
    return activity


def remove_activity(*, actor: User, activity: CommunicationActivity, reason: str) -> None:
    if not may_record(actor, place=activity.place, body=activity.body):
        raise PermissionDenied
    if not reason.strip():
        raise StepRefused(_("Hãy ghi lý do xóa hoạt động."))
    with transaction.atomic(), acting_as(actor):
        record_step(
            actor=actor,
            obj=activity,
            step="communication_remove",
            place=activity.place,
            reason=reason.strip(),
        )
        activity.delete()
