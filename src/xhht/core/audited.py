"""The base of every audited record: the values it was loaded with and the snapshot the audit
trail copies (``xhht.audit.signals`` writes the entries). A leaf: it imports no app, so the place
tree itself (``places``, below ``audit``) can be audited."""

from __future__ import annotations

import copy
import datetime
import decimal
import uuid
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any, ClassVar, Self

from django.db import models

if TYPE_CHECKING:
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
