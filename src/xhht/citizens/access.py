"""The one way views fetch claims and correction requests: only if the user may decide them,
otherwise the same 404 as for a missing one."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from xhht.accounts.models import User
from xhht.citizens.actions import CONFIRM_CAPABILITY
from xhht.citizens.corrections import DECIDE_CAPABILITY
from xhht.citizens.models import Claim, ClaimQuerySet, CorrectionRequest


def pending_claims(user: User) -> ClaimQuerySet:
    """The claims waiting for ``user``'s decision."""
    return Claim.objects.visible_to(user, CONFIRM_CAPABILITY).pending()  # type: ignore[attr-defined, no-any-return]  # visible_to is typed on the base ScopedQuerySet


def get_claim_for_user(user: User, pk: int) -> Claim:
    claims = Claim.objects.visible_to(user, CONFIRM_CAPABILITY).select_related(
        "account", "person__place", "person__household", "place", "claimed_place"
    )
    return get_object_or_404(claims, pk=pk)


def get_correction_for_user(user: User, pk: int) -> CorrectionRequest:
    requests = CorrectionRequest.objects.visible_to(user, DECIDE_CAPABILITY).select_related(
        "person__place", "person__household", "requested_by"
    )
    return get_object_or_404(requests, pk=pk)
