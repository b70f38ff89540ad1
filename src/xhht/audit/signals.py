"""Every save and delete of an ``AuditedModel`` writes an audit entry with before/after values.

Bulk writes (``bulk_create``, ``QuerySet.update``) bypass signals by design: the importers that
use them write one ``record_step(action=IMPORT)`` entry for the whole batch.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save

from xhht.audit.actions import record_change
from xhht.audit.models import AuditEntry
from xhht.core.audited import AuditedModel

_BEFORE = "_audit_before"


def _before_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    """What the row held before this save: the values loaded with the instance (no query).

    Only an instance whose stored values are not known (built by hand with a primary key, or
    loaded with deferred fields) is read from the database.
    """
    if not isinstance(instance, AuditedModel) or kwargs.get("raw"):
        return
    before = None
    if instance.pk is not None:
        before = None if instance._state.adding else instance.audit_loaded()
        if before is None:
            stored = type(instance)._default_manager.filter(pk=instance.pk).first()
            before = stored.audit_snapshot() if stored is not None else None
    setattr(instance, _BEFORE, before)


def _after_save(
    sender: type[models.Model], instance: models.Model, created: bool, **kwargs: Any
) -> None:
    if not isinstance(instance, AuditedModel) or kwargs.get("raw"):
        return
    before = getattr(instance, _BEFORE, None)
    after = instance.audit_snapshot()
    update_fields = kwargs.get("update_fields")
    saved = None if created or update_fields is None else instance.attnames(update_fields)
    instance.remember_stored(saved)
    if saved is not None:  # only these fields were written
        names = {f.name for f in instance._meta.concrete_fields if f.attname in saved}
        after = {k: v for k, v in after.items() if k in names}
        before = None if before is None else {k: v for k, v in before.items() if k in after}
    if not created and before == after:
        return
    if before is not None and not created:
        changed = {k for k in after if before.get(k) != after.get(k)}
        before = {k: v for k, v in before.items() if k in changed}
        after = {k: v for k, v in after.items() if k in changed}
    record_change(
        obj=instance,
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
        place=instance.audit_place(),
        before=None if created else before,
        after=after,
    )


def _after_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if not isinstance(instance, AuditedModel):
        return
    place = instance.audit_place()
    if place is instance:  # a deleted place: its history stays visible from the parent
        place = place.parent
    record_change(
        obj=instance,
        action=AuditEntry.Action.DELETE,
        place=place,
        before=instance.audit_snapshot(),
        after=None,
    )


def connect() -> None:
    pre_save.connect(_before_save, dispatch_uid="xhht_audit_pre_save")
    post_save.connect(_after_save, dispatch_uid="xhht_audit_post_save")
    post_delete.connect(_after_delete, dispatch_uid="xhht_audit_post_delete")
