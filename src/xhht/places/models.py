"""The administrative tree: province → (district, until 30/6/2025) → commune → hamlet.

Every record of the system belongs to a place and every permission is a place's subtree.
"Everything under X" is one indexed prefix query on ``path`` (a materialized path of primary
keys, "/12/345/6789/"), never recursion in Python.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext_lazy as _

from xhht.core.audited import AuditedModel
from xhht.core.text import fold, sort_key

if TYPE_CHECKING:
    pass

#: The day the two-level local government (NĐ 142/2025, NĐ 143/2025) took effect.
REORGANISATION_DATE = datetime.date(2025, 7, 1)


class Level(models.TextChoices):
    PROVINCE = "province", _("Tỉnh/thành phố")
    DISTRICT = "district", _("Quận/huyện/thị xã")
    COMMUNE = "commune", _("Xã/phường/đặc khu")
    HAMLET = "hamlet", _("Thôn/tổ dân phố")


#: The kinds a hamlet can have; communes and provinces take theirs from the official list.
HAMLET_KINDS = [
    "thôn",
    "ấp",
    "bản",
    "buôn",
    "làng",
    "khu phố",
    "tổ dân phố",
    "khóm",
    "khu vực",
    "xóm",
    "sóc",
    "plei",
]


class PlaceQuerySet(models.QuerySet["Place"]):
    def current(self) -> PlaceQuerySet:
        return self.filter(valid_to__isnull=True)

    def province(self, code: str) -> Place | None:
        """The current province with this official code ("92"), or None."""
        return self.current().filter(level=Level.PROVINCE, code=code).first()

    def subtree(self, place: Place) -> PlaceQuerySet:
        """The place and everything under it, in one indexed prefix query."""
        return self.filter(path__startswith=place.path)

    def by_name(self) -> PlaceQuerySet:
        return self.order_by("sort_key", "code")

    def at_paths(self, paths: Iterable[str]) -> PlaceQuerySet:
        """The places these materialized paths end at ("/1/5/" → place 5)."""
        return self.filter(pk__in=[Place.ids_in_path(path)[-1] for path in paths])


class Place(AuditedModel):
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    code = models.CharField(_("mã"), max_length=20)
    name = models.CharField(_("tên"), max_length=200)
    kind = models.CharField(_("loại"), max_length=40)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    path = models.CharField(max_length=255, editable=False, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    search_text = models.CharField(max_length=255, editable=False, default="", db_index=True)
    sort_key = models.CharField(max_length=600, editable=False, default="")

    objects = PlaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("địa bàn")
        verbose_name_plural = _("địa bàn")
        constraints = [
            models.UniqueConstraint(
                fields=["level", "code"],
                condition=Q(valid_to__isnull=True),
                name="place_current_code_unique",
            ),
            models.UniqueConstraint(
                fields=["parent", "name"],
                condition=Q(level="hamlet", valid_to__isnull=True),
                name="place_current_hamlet_name_unique",
            ),
        ]
        indexes = [
            # text_pattern_ops makes LIKE 'prefix%' use the index on PostgreSQL whatever the
            # database's collation; SQLite gets its own index in migration 0002.
            models.Index(
                fields=["path"], name="place_path_prefix", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(fields=["parent", "sort_key"], name="place_children_sorted"),
            models.Index(fields=["level", "valid_to"], name="place_level_current"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.valid_to is None

    def audit_place(self) -> Place:
        return self

    @staticmethod
    def ids_in_path(path: str) -> list[int]:
        """The primary keys on a materialized path, root first ("/1/5/9/" → [1, 5, 9])."""
        return [int(part) for part in path.strip("/").split("/") if part]

    @staticmethod
    def path_of(ids: Sequence[int]) -> str:
        """The materialized path of the place at the end of ``ids`` ([1, 5] → "/1/5/")."""
        return "/" + "".join(f"{pk}/" for pk in ids)

    def path_ids(self) -> list[int]:
        """The primary keys from the root down to this place, this place included."""
        return Place.ids_in_path(self.path)

    def ancestor_ids(self) -> list[int]:
        """The primary keys of the places above this one, root first."""
        return self.path_ids()[:-1]

    @property
    def root_id(self) -> int:
        """The top of this place's tree: the province it lies in (itself for a province)."""
        return self.path_ids()[0]

    @property
    def parent_path(self) -> str:
        """The path of the place above ("/" for a province), read from this place's path."""
        return self.path.rsplit("/", 2)[0] + "/"

    def child_id_under(self, top: Place) -> int:
        """The child of ``top`` on the way down to this place (a place below ``top``)."""
        return self.path_ids()[len(top.path_ids())]

    def ancestors(self) -> list[Place]:
        """Root first, this place excluded; one query."""
        ids = self.ancestor_ids()
        by_id = Place.objects.in_bulk(ids)
        return [by_id[pk] for pk in ids if pk in by_id]

    def ancestor_of_level(self, level: str) -> Place | None:
        if self.level == level:
            return self
        return next((p for p in self.ancestors() if p.level == level), None)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = fold(self.name)[:255]
        self.sort_key = sort_key(self.name)[:600]
        old_path = self.path
        super().save(*args, **kwargs)
        new_path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        if new_path != old_path:
            self.path, self.depth = new_path, new_path.count("/") - 2
            Place.objects.filter(pk=self.pk).update(path=new_path, depth=self.depth)
            if old_path:  # moved: carry the whole subtree along in one statement
                Place.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                    path=Concat(models.Value(new_path), Substr("path", len(old_path) + 1))
                )


class Succession(models.Model):
    """An old unit continues as a new one from a date (merger, rename or split)."""

    class Kind(models.TextChoices):
        MERGER = "merger", _("sáp nhập")
        RENAME = "rename", _("đổi tên")
        SPLIT = "split", _("chia tách")

    predecessor = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="successions")
    successor = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="predecessions")
    date = models.DateField(_("ngày"))
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.MERGER)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("kế thừa địa bàn")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique")
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.date:%d/%m/%Y})"


def current_places_for(place: Place, *, max_steps: int = 10) -> list[Place]:
    """The current units a (possibly retired) place lives on in, following successions.

    Records made before the 1/7/2025 reorganisation point at units that no longer exist; a report
    for a later year maps them forward with this.
    """
    frontier, result, seen = [place], [], set[int]()
    for _step in range(max_steps):
        next_frontier: list[Place] = []
        for item in frontier:
            if item.pk in seen:
                continue
            seen.add(item.pk)
            if item.is_current:
                result.append(item)
                continue
            next_frontier.extend(s.successor for s in item.successions.select_related("successor"))
        if not next_frontier:
            break
        frontier = next_frontier
    return result
