"""Writing audit entries: the signals call ``record_change``; workflows call ``record_step``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from xhht.audit.context import current
from xhht.audit.models import AuditEntry

if TYPE_CHECKING:
    from xhht.accounts.models import User
    from xhht.places.models import Place


def _actor_fields(user: User | None) -> dict[str, Any]:
    acting = current()
    actor = user if user is not None else (acting.user if acting else None)
    return {
        "actor": actor,
        "actor_name": (actor.get_username() if actor else "hệ thống")[:150],
        "via": acting.via if acting else "system",
    }


def record_change(
    *,
    obj: models.Model,
    action: str,
    place: Place | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    reason: str = "",
) -> AuditEntry:
    acting = current()
    return AuditEntry.objects.create(
        **_actor_fields(None),
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        place=place,
        before=before,
        after=after,
        reason=reason or (acting.reason if acting else ""),
    )


def record_step(
    *,
    actor: User | None,
    obj: models.Model,
    step: str,
    place: Place | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
    action: str = AuditEntry.Action.STEP,
) -> AuditEntry:
    """One workflow step (or a bulk import, or a view of personal data), with its reason."""
    return AuditEntry.objects.create(
        **_actor_fields(actor),
        action=action,
        step=step[:60],
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        place=place,
        before=before,
        after=after,
        reason=reason,
    )
