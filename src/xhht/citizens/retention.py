"""The citizens' part of ``xhht purge`` (``jobs.retention``): a claim nobody confirmed or
refused within ``CLAIM_KEEP`` is closed (refused, with a reason the claimant reads) and its
CCCD forgotten, so no typed number stays in the database for ever (docs/SECURITY.md)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from xhht.audit.actions import record_step
from xhht.citizens.models import Claim

CLAIM_KEEP = datetime.timedelta(days=180)


def close_stale_claims(now: datetime.datetime) -> int:
    """Refuse the claims pending since before ``now - CLAIM_KEEP``; returns how many."""
    reason = _(
        "Quá %(days)s ngày chưa được xác nhận; hãy liên hệ trưởng thôn hoặc cán bộ xã nơi bạn sống."
    ) % {"days": CLAIM_KEEP.days}
    closed = 0
    stale = Claim.objects.pending().filter(created_at__lt=now - CLAIM_KEEP)
    for claim in stale.select_related("place").iterator():
        with transaction.atomic():
            moved = Claim.objects.filter(pk=claim.pk, state=Claim.State.PENDING).update(
                state=Claim.State.REFUSED,
                decided_at=now,
                refusal_reason=reason,
                national_id_encrypted="",
                national_id_digest="",
            )
            if moved:
                record_step(
                    actor=None, obj=claim, step="claim_expired", place=claim.place, reason=reason
                )
                closed += moved
    return closed
