"""Indicators (what plans set targets on), the counts kept for them and the values entered.

The catalogue is data (``catalogue.yaml``, loaded by a data migration; a province adds its own).
Every actual value is a pair numerator/denominator per (indicator, place, year): a rate up the tree
is the sum of numerators over the sum of denominators, never an average of rates. The pairs are
kept in ``RollupCount`` for the place and every ancestor, plus a national row (place NULL), and
are updated in the same transaction as the change (``rollups.adjust``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xhht.accounts.access import scope_filter
from xhht.core.audited import AuditedModel
from xhht.places.models import Place

if TYPE_CHECKING:
    from xhht.accounts.models import User

#: The year of the live registry counts (denominators, and numerators taken from registries).
LIVE_YEAR = 0


class Source(models.TextChoices):
    RECOGNITIONS = "recognitions", _("Tính từ các danh hiệu đã công nhận")
    REGISTRY = (
        "registry",
        _("Tính từ sổ đăng ký (hộ, dòng họ, đơn vị, công dân, cơ sở học tập, lớp học)"),
    )
    INSTITUTIONS = "institutions", _("Tính từ hồ sơ cơ sở giáo dục, trung tâm (nhập khi chưa có)")
    ENTERED = "entered", _("Nhập tay (điều tra, thống kê, hệ thống khác)")


class Measure(models.TextChoices):
    RATE = "rate", _("Tỉ lệ (%)")
    COUNT = "count", _("Số lượng")
    YES_NO = "yes_no", _("Đạt/không đạt")


class IndicatorQuerySet(models.QuerySet["Indicator"]):
    def for_province(self, province: Place | None) -> IndicatorQuerySet:
        """The national catalogue plus the province's own indicators."""
        if province is None:
            return self.filter(province__isnull=True)
        return self.filter(Q(province__isnull=True) | Q(province=province))


class Indicator(AuditedModel):
    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên chỉ tiêu"), max_length=400)
    unit = models.CharField(_("đơn vị đếm"), max_length=100)
    source = models.CharField(_("nguồn số liệu"), max_length=20, choices=Source.choices)
    measure = models.CharField(
        _("dạng"), max_length=10, choices=Measure.choices, default=Measure.RATE
    )
    #: For place-count indicators ("100% of districts reach…"): the level of the counted places.
    counts_level = models.CharField(_("đếm địa bàn cấp"), max_length=10, blank=True, default="")
    #: "trong đó" (of which): this indicator is a part of another one.
    part_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parts",
        verbose_name=_("thuộc chỉ tiêu"),
    )
    #: NULL for the national catalogue; a province's own indicators carry the province.
    province = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tỉnh bổ sung"),
    )
    description = models.TextField(_("cách tính"), blank=True, default="")
    order = models.PositiveIntegerField(default=0)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    def audit_place(self) -> Place | None:
        return self.province

    @property
    def is_computed(self) -> bool:
        return self.source in {Source.RECOGNITIONS, Source.REGISTRY}


class RollupCount(models.Model):
    """A kept pair (numerator, denominator) for an indicator at a place (NULL: nationwide) and year.

    Year ``LIVE_YEAR`` (0) holds the live registry counts; a calendar year's row holds the
    recognitions and entered values of that year, and, once frozen, the registry counts as they
    were at the year's end (``frozen``).
    """

    indicator = models.CharField(max_length=40)
    place = models.ForeignKey(
        Place, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    numerator = models.BigIntegerField(default=0)
    denominator = models.BigIntegerField(default=0)
    frozen = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("số liệu tổng hợp")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "place", "year"],
                condition=Q(place__isnull=False),
                name="rollup_place_unique",
            ),
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=Q(place__isnull=True),
                name="rollup_national_unique",
            ),
        ]
        indexes = [models.Index(fields=["place", "year"], name="rollup_place_year")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.place_id or 'VN'} {self.year}: {self.numerator}/{self.denominator}"


class EnteredValueQuerySet(models.QuerySet["EnteredValue"]):
    def visible_to(self, user: User, capability: str = "view") -> EnteredValueQuerySet:
        return self.filter(scope_filter(user, capability, "place__path"))


class EnteredValue(AuditedModel):
    """An actual value entered for a place and year: counts (summed up the tree) or a percent."""

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="entered_values",
        verbose_name=_("chỉ tiêu"),
    )
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="+", verbose_name=_("địa bàn")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    numerator = models.PositiveBigIntegerField(_("số đạt"), null=True, blank=True)
    denominator = models.PositiveBigIntegerField(_("tổng số"), null=True, blank=True)
    percent = models.DecimalField(
        _("tỉ lệ (%)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    source_note = models.CharField(_("nguồn"), max_length=300, blank=True, default="")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người nhập"),
    )
    recorded_at = models.DateTimeField(_("thời điểm nhập"), auto_now=True)

    objects = EnteredValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("số liệu nhập")
        verbose_name_plural = _("số liệu nhập")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "place", "year"], name="entered_value_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.place_id} {self.year}"

    def audit_place(self) -> Place:
        return self.place

    @property
    def has_counts(self) -> bool:
        return self.numerator is not None and self.denominator is not None

    def rate(self) -> Decimal | None:
        if self.percent is not None:
            return self.percent
        if self.has_counts and self.denominator:
            return Decimal(self.numerator or 0) * 100 / Decimal(self.denominator)
        return None


class BoundaryMapQuerySet(models.QuerySet["BoundaryMap"]):
    def visible_to(self, user: User, capability: str = "view") -> BoundaryMapQuerySet:
        return self.filter(scope_filter(user, capability, "province__path"))


class BoundaryMap(AuditedModel):
    """A province's commune boundaries (GeoJSON, WGS84) for the progress map; one per province.

    The GeoJSON text itself stays out of the audit trail (it can be megabytes): its SHA-256 and
    feature count go in instead.
    """

    audit_exclude: ClassVar[frozenset[str]] = frozenset({"geojson"})

    province = models.OneToOneField(
        Place, on_delete=models.CASCADE, related_name="+", verbose_name=_("tỉnh/thành phố")
    )
    geojson = models.TextField(_("ranh giới (GeoJSON)"))
    code_property = models.CharField(_("thuộc tính chứa mã xã"), max_length=100)
    sha256 = models.CharField(max_length=64)
    feature_count = models.PositiveIntegerField(_("số vùng"), default=0)
    matched_count = models.PositiveIntegerField(_("số vùng khớp mã xã"), default=0)
    file_name = models.CharField(_("tên tệp"), max_length=255, blank=True, default="")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người tải lên"),
    )
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now=True)

    objects = BoundaryMapQuerySet.as_manager()

    class Meta:
        verbose_name = _("bản đồ ranh giới")
        verbose_name_plural = _("bản đồ ranh giới")

    def __str__(self) -> str:
        return f"{self.province_id} ({self.feature_count})"

    def audit_place(self) -> Place:
        return self.province
