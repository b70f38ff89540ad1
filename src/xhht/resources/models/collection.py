"""A centre's collections of resources (bộ sưu tập): a named, ordered list; the public sees its
published resources only."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from xhht.accounts.access import Capability, acting_scope, under_paths
from xhht.accounts.models import User
from xhht.accounts.scoped import ScopedQuerySet
from xhht.centres.models import Centre
from xhht.core.audited import AuditedModel
from xhht.places.models import Place
from xhht.registry.models import NamedRecord
from xhht.resources.models.resource import Resource


class CollectionQuerySet(ScopedQuerySet["Collection"]):
    place_path_field = "centre__place__path"

    def visible_to(self, user: User, capability: str = Capability.VIEW) -> CollectionQuerySet:
        """Collections of the centres in the user's place scope; a role held at a body keeps
        no centre's collections (as ``Resource.objects.visible_to``)."""
        prefixes, _bodies = acting_scope(user, capability)
        return self.filter(under_paths(prefixes, self.place_path_field))


class Collection(NamedRecord):
    centre = models.ForeignKey(
        Centre, on_delete=models.PROTECT, related_name="collections", verbose_name=_("cơ sở")
    )
    name = models.CharField(_("tên bộ sưu tập"), max_length=250)
    description = models.TextField(_("mô tả"), blank=True)
    resources: models.ManyToManyField[Resource, CollectionItem] = models.ManyToManyField(
        Resource,
        through="CollectionItem",
        related_name="collections",
        blank=True,
        verbose_name=_("học liệu"),
    )

    objects = CollectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("bộ sưu tập học liệu")
        verbose_name_plural = _("bộ sưu tập học liệu")
        constraints = [
            models.UniqueConstraint(fields=["centre", "name"], name="collection_name_per_centre")
        ]

    def __str__(self) -> str:
        return self.name

    def search_source(self) -> str:
        return self.name

    def audit_place(self) -> Place:
        return self.centre.place


class CollectionItem(AuditedModel):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="items")
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("học liệu trong bộ sưu tập")
        verbose_name_plural = _("học liệu trong bộ sưu tập")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "resource"], name="collection_item_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.collection} — {self.resource}"

    def audit_place(self) -> Place:
        return self.collection.centre.place
