"""The audit trail: who changed what, when, from which value to which, and why."""

from __future__ import annotations

import copy
import datetime
import decimal
import uuid
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any, ClassVar, Self

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
        for field in self._audited_fields():
            data[field.name] = _plain(field.value_from_object(self))
        return data

    def audit_loaded(self, names: Collection[str] | None = None) -> dict[str, Any] | None:
        """The snapshot as the database last had it (loaded or saved through this instance),
        without a query; None when it is not known (built by hand, or a field was deferred)."""
        loaded: dict[str, Any] | None = self.__dict__.get(_LOADED)
        if loaded is None:
            return None
        data: dict[str, Any] = {}
        for field in self._audited_fields():
            if names is not None and field.name not in names:
                continue
            if field.attname not in loaded:
                return None
            data[field.name] = _plain(loaded[field.attname])
        return data

    def remember_stored(self, attnames: Collection[str] | None = None) -> None:
        """The values the database now holds for ``attnames`` (all loaded fields if None)."""
        loaded = self.__dict__.setdefault(_LOADED, {})
        for field in self._meta.concrete_fields:
            if field.attname in self.__dict__ and (attnames is None or field.attname in attnames):
                loaded[field.attname] = _detached(self.__dict__[field.attname])

    @classmethod
    def from_db(cls, db: str | None, field_names: Collection[str], values: Collection[Any]) -> Self:
        """Keep the loaded values, so that saving compares against them without a SELECT."""
        instance = super().from_db(db, field_names, values)
        instance.__dict__[_LOADED] = {
            name: _detached(value) for name, value in zip(field_names, values, strict=True)
        }
        return instance

    def refresh_from_db(
        self,
        using: str | None = None,
        fields: Iterable[str] | None = None,
        from_queryset: models.QuerySet[Self] | None = None,
    ) -> None:
        fields = None if fields is None else list(fields)
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        self.remember_stored(None if fields is None else self.attnames(fields))

    def attnames(self, names: Iterable[str]) -> set[str]:
        """The attribute names of fields given by name or attribute name."""
        wanted = set(names)
        return {
            field.attname
            for field in self._meta.concrete_fields
            if field.name in wanted or field.attname in wanted
        }

    def _audited_fields(self) -> list[models.Field[Any, Any]]:
        return [
            field
            for field in self._meta.concrete_fields
            if field.name not in self.audit_exclude and field.editable
        ]


_LOADED = "_audit_loaded"


def _detached(value: Any) -> Any:
    """A copy of a mutable value (JSON), so that changing it in place is seen as a change."""
    return copy.deepcopy(value) if isinstance(value, dict | list) else value


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
