"""The audit trail: who changed what, when, from which value to which, and why."""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from xhht.accounts.models import User
    from xhht.places.models import Place


class AuditedModel(models.Model):
    """A domain record whose every create, update and delete lands in the audit trail.

    Subclasses say which place a change belongs to (``audit_place``): whoever may see that place
    may read the record's history. Fields listed in ``audit_exclude`` (secrets, ciphertexts) are
    never copied into the trail.
    """

    audit_exclude: ClassVar[frozenset[str]] = frozenset()

    class Meta:
        abstract = True

    def audit_place(self) -> Place | None:
        raise NotImplementedError

    def audit_snapshot(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for field in self._meta.concrete_fields:
            if field.name in self.audit_exclude or not field.editable:
                continue
            data[field.name] = _plain(field.value_from_object(self))
        return data


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if hasattr(value, "name"):  # files
        return str(value.name)
    return str(value)


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def visible_to(self, user: User, capability: str = "view") -> AuditEntryQuerySet:
        from xhht.accounts.access import scope_filter

        return self.filter(scope_filter(user, capability, "place__path"))

    def for_object(self, obj: models.Model) -> AuditEntryQuerySet:
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", _("tạo mới")
        UPDATE = "update", _("sửa")
        DELETE = "delete", _("xóa")
        STEP = "step", _("bước xử lý")
        VIEW = "view", _("xem dữ liệu cá nhân")
        IMPORT = "import", _("nhập từ tệp")

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    actor_name = models.CharField(_("người thực hiện"), max_length=150, blank=True)
    via = models.CharField(max_length=20, default="web")
    action = models.CharField(_("thao tác"), max_length=10, choices=Action.choices)
    step = models.CharField(_("bước"), max_length=60, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("đối tượng"), max_length=300)
    place = models.ForeignKey(
        "places.Place", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField(_("sau"), null=True, blank=True)
    reason = models.TextField(_("lý do"), blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("mục nhật ký")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"], name="audit_object")]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.get_action_display()} {self.object_repr}"

    def changes(self) -> list[tuple[str, Any, Any]]:
        """(field, before, after) for every field that differs."""
        before, after = self.before or {}, self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]
