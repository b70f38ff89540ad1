"""Writing audit entries: the signals call ``record_change``; workflows call ``record_step``."""

from __future__ import annotations

from collections.abc import Sequence
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


def _step_entry(
    actor_fields: dict[str, Any],
    obj: models.Model,
    content_type: ContentType,
    place: Place | None,
    **values: Any,
) -> AuditEntry:
    """An unsaved step entry for ``obj`` (``values``: action, step, before, after, reason)."""
    return AuditEntry(
        **actor_fields,
        content_type=content_type,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        place=place,
        **values,
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
    entry = _step_entry(
        _actor_fields(actor), obj, ContentType.objects.get_for_model(obj), place,
        action=action, step=step[:60], before=before, after=after, reason=reason,
    )  # fmt: skip
    entry.save(force_insert=True)
    return entry


def record_steps(
    *,
    actor: User | None,
    objects: Sequence[models.Model],
    step: str,
    places: Sequence[Place | None],
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> list[AuditEntry]:
    """The same step taken on many objects at once (a decision over fifty households): one
    entry each, exactly as ``record_step`` writes them, inserted together."""
    if len(objects) != len(places):
        raise ValueError("one place per object")
    fields = _actor_fields(actor)
    types = ContentType.objects.get_for_models(*{type(obj) for obj in objects})
    return AuditEntry.objects.bulk_create(
        _step_entry(
            fields,
            obj,
            types[type(obj)],
            place,
            action=AuditEntry.Action.STEP,
            step=step[:60],
            before=before,
            after=after,
            reason=reason,
        )
        for obj, place in zip(objects, places, strict=True)
    )
