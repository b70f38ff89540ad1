"""A movement (phong trào thi đua): opened by a commune or the province, with its period and its
criteria as the opening document words them; nominations are made within it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xhht.accounts.access import EVERYWHERE, Capability, scope_paths, under_paths
from xhht.accounts.models import User
from xhht.core.audited import AuditedModel
from xhht.places.models import Place


class MovementQuerySet(models.QuerySet["Movement"]):
    def visible_to(self, user: User, capability: str = Capability.VIEW) -> MovementQuerySet:
        """Movements opened inside the user's scope; to view or nominate, also those opened
        above it (a hamlet nominates into its province's movement). Managing a movement stays
        with the level that opened it."""
        prefixes = scope_paths(user, capability)
        if EVERYWHERE in prefixes:
            return self
        if capability not in (Capability.VIEW, Capability.NOMINATE):
            return self.filter(under_paths(prefixes, "place__path"))
        above = {pk for prefix in prefixes for pk in Place.ids_in_path(prefix)}
        return self.filter(under_paths(prefixes, "place__path") | Q(place_id__in=above))


class Movement(AuditedModel):
    name = models.CharField(_("tên phong trào"), max_length=250)
    #: The level that opens the movement: a commune or the province.
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="movements", verbose_name=_("cấp phát động")
    )
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"))
    criteria = models.TextField(
        _("tiêu chí thi đua"),
        help_text=_("Các tiêu chí như văn bản phát động ghi, mỗi tiêu chí một dòng."),
    )
    basis = models.CharField(
        _("văn bản phát động"),
        max_length=250,
        blank=True,
        help_text=_("Số, ký hiệu và ngày của văn bản phát động phong trào."),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MovementQuerySet.as_manager()

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="movement_dates_in_order"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def audit_place(self) -> Place:
        return self.place

    def criteria_lines(self) -> list[str]:
        return [line.strip() for line in self.criteria.splitlines() if line.strip()]
