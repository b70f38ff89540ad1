"""What a check of a CCCD may tell the person who asked, and the audited, limited previews.

A CCCD has three unknown digits for whoever knows a person's sex, birth year and the last three
digits (what a masked number shows), so any answer that depends on whether a number exists is
an oracle. The rules (docs/SECURITY.md):

- A lookup by CCCD reaches only the people whose number the user may see (``VIEW_PERSONAL_ID``
  in the user's places). Any other number reads as unknown, whether someone elsewhere has it or
  nobody does; previews, form checks and registrations answer the same for both.
- Such a number fails only when it is written, inside the transaction, with one neutral message
  (``cccd_in_use_message``) that names no person, household or place, and nothing is written.
- Every check of a file of numbers (an import preview, an evaluation sheet) is audited like
  opening a person: one entry with the row count, never the numbers. A user may run at most
  ``XHHT_PII_PREVIEW_LIMIT`` of them in ``PREVIEW_WINDOW``; the next is refused with the wait.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability, can
from xhht.accounts.models import User
from xhht.audit.actions import record_step
from xhht.audit.models import AuditEntry
from xhht.places.models import Place
from xhht.registry.models import Person, PersonQuerySet

PREVIEW_WINDOW = datetime.timedelta(minutes=10)
#: The audit steps of previews start with it; the limit counts them.
PREVIEW_STEP = "pii_preview:"
LOOKUP_CHUNK = 2000


class CccdInUse(Exception):
    """A number about to be written is stored already (perhaps for someone the writer may not
    see): the write stops and the user reads ``cccd_in_use_message``."""


class TooManyPreviews(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def cccd_in_use_message() -> str:
    return _(
        "Không ghi được: có số CCCD trùng với dữ liệu đã có; hãy liên hệ cán bộ xã để kiểm tra."
    )


def sees_cccd(user: User, place: Place) -> bool:
    """Whether ``user`` may see the CCCD numbers of the people of ``place``."""
    return can(user, Capability.VIEW_PERSONAL_ID, place)


def people_with_cccd(user: User, number: str) -> PersonQuerySet:
    """The people with this number among those whose number ``user`` may see."""
    found = Person.objects.with_cccd(number).visible_to(user, Capability.VIEW_PERSONAL_ID)
    return found  # type: ignore[return-value]  # visible_to is typed on the base ScopedQuerySet


def any_in_use(digests: Iterable[str]) -> bool:
    """Whether any of these keyed hashes is stored, anywhere (a query per 2,000 hashes)."""
    batch: list[str] = []
    for digest in digests:
        batch.append(digest)
        if len(batch) == LOOKUP_CHUNK:
            if Person.objects.filter(national_id_digest__in=batch).exists():
                return True
            batch = []
    return bool(batch) and Person.objects.filter(national_id_digest__in=batch).exists()


def preview_limit() -> int:
    return settings.XHHT_PII_PREVIEW_LIMIT


def record_preview(*, user: User, place: Place, what: str, rows: int) -> AuditEntry:
    """Audit one check of a file of CCCD numbers, or refuse it when ``user`` has run the
    allowed number of checks within the window. Call it before any number is looked up."""
    with transaction.atomic():
        # One user's previews take turns: two at once cannot both pass the last free place.
        User.objects.select_for_update().filter(pk=user.pk).first()
        now = timezone.now()
        recent = _recent_previews(user, since=now - PREVIEW_WINDOW)
        limit = preview_limit()
        if recent.count() >= limit:
            oldest = recent.order_by("at").values_list("at", flat=True).first() or now
            wait = max(1, math.ceil((oldest + PREVIEW_WINDOW - now).total_seconds() / 60))
            raise TooManyPreviews(
                _(
                    "Bạn đã kiểm tra %(limit)s tệp có số CCCD trong %(window)s phút, mức tối đa "
                    "cho phép; hãy chờ %(wait)s phút rồi thử lại."
                )
                % {"limit": limit, "window": _window_minutes(), "wait": wait}
            )
        return record_step(
            actor=user,
            obj=place,
            step=f"{PREVIEW_STEP}{what}",
            place=place,
            action=AuditEntry.Action.VIEW,
            after={"what": what, "rows": rows},
        )


def _recent_previews(user: User, *, since: datetime.datetime) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(
        actor=user, action=AuditEntry.Action.VIEW, step__startswith=PREVIEW_STEP, at__gte=since
    )


def _window_minutes() -> int:
    return int(PREVIEW_WINDOW.total_seconds() // 60)
