"""Branches of the Study Promotion Association (Hội Khuyến học): the association at a province or
commune (hội cấp tỉnh, hội cấp xã) and its chapters (chi hội, ban khuyến học) in a hamlet or in a
unit (a school, an agency, an enterprise), on the place tree."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from xhht.accounts.models import Body
from xhht.accounts.scoped import ScopedQuerySet
from xhht.places.models import Level, Place
from xhht.registry.models import NamedRecord, Unit


class BranchQuerySet(ScopedQuerySet["Branch"]):
    def active(self) -> BranchQuerySet:
        return self.filter(dissolved_on__isnull=True)


class Branch(NamedRecord):
    """A Hội Khuyến học at a level, or one of its chapters."""

    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Hội Khuyến học (cấp tỉnh, huyện, xã)")
        CHAPTER = "chapter", _("Chi hội khuyến học")
        BOARD = "board", _("Ban, tổ khuyến học (trong cơ quan, trường học, doanh nghiệp)")

    name = models.CharField(_("tên"), max_length=250)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        related_name="association_branches",
        verbose_name=_("địa bàn"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("trực thuộc"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="association_branches",
        verbose_name=_("đơn vị (trường học, doanh nghiệp…)"),
    )
    body = models.ForeignKey(
        Body,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="association_branches",
        verbose_name=_("cơ quan, đoàn thể"),
    )
    founded_on = models.DateField(_("ngày thành lập"), null=True, blank=True)
    dissolved_on = models.DateField(_("ngày giải thể, sáp nhập"), null=True, blank=True)
    keeps_totals = models.BooleanField(
        _("chỉ báo cáo số tổng (không có danh sách hội viên)"), default=False
    )

    objects = BranchQuerySet.as_manager()

    class Meta:
        verbose_name = _("chi hội khuyến học")
        verbose_name_plural = _("chi hội khuyến học")
        indexes = [models.Index(fields=["place", "sort_key"], name="branch_place_sorted")]
        constraints = [
            models.UniqueConstraint(
                fields=["place", "name"],
                name="branch_name_unique_per_place",
                violation_error_message=_("Địa bàn này đã có một chi hội cùng tên."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def search_source(self) -> str:
        return self.name

    def audit_place(self) -> Place:
        return self.place

    @property
    def active(self) -> bool:
        return self.dissolved_on is None

    def clean(self) -> None:
        super().clean()
        if self.unit_id is not None and self.body_id is not None:
            raise ValidationError(
                {"body": _("Chọn một đơn vị hoặc một cơ quan, không chọn cả hai.")}
            )
        if self.place_id is None:
            return
        if self.kind == self.Kind.ASSOCIATION and self.place.level == Level.HAMLET:
            raise ValidationError(
                {"kind": _("Ở thôn, tổ dân phố là chi hội, không phải Hội cấp xã.")}
            )
        if self.parent is not None:
            if self.parent_id == self.pk:
                raise ValidationError({"parent": _("Chi hội không thể trực thuộc chính nó.")})
            if not self.place.path.startswith(self.parent.place.path):
                raise ValidationError(
                    {"parent": _("Hội cấp trên phải ở địa bàn chứa địa bàn của chi hội.")}
                )
        if self.founded_on and self.dissolved_on and self.dissolved_on < self.founded_on:
            raise ValidationError(
                {"dissolved_on": _("Ngày giải thể không thể trước ngày thành lập.")}
            )
