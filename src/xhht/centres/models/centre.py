"""Learning institutions: the community learning centre (TTHTCĐ, one per commune by law) and the
libraries, cultural houses, museums, continuing-education centres, schools and universities a
place uses for lifelong learning. The catalogue's ``clc_*``, ``school_digital`` and
``uni_digital`` indicators count them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xhht.accounts.models import Body
from xhht.accounts.scoped import ScopedQuerySet
from xhht.places.models import Level, Place
from xhht.registry.models import NamedRecord


class CentreQuerySet(ScopedQuerySet["Centre"]):
    def active(self) -> CentreQuerySet:
        return self.filter(status=Centre.Status.ACTIVE)

    def community_centres(self) -> CentreQuerySet:
        """The TTHTCĐ only (not the other institutions)."""
        return self.filter(kind=Centre.Kind.TTHTCD)


class Centre(NamedRecord):
    """A learning institution at a commune (or, before 1/7/2025, a district)."""

    class Kind(models.TextChoices):
        TTHTCD = "tthtcd", _("Trung tâm học tập cộng đồng")
        LIBRARY = "library", _("Thư viện")
        CULTURAL_HOUSE = "cultural_house", _("Nhà văn hóa, điểm bưu điện văn hóa, điểm đọc sách")
        MUSEUM = "museum", _("Bảo tàng, di tích")
        CONTINUING = "continuing", _("Trung tâm GDTX, giáo dục nghề nghiệp")
        SCHOOL = "school", _("Trường học tham gia học tập cộng đồng")
        UNIVERSITY = "university", _("Trường đại học, cao đẳng")
        OTHER = "other", _("Khác")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Đang hoạt động")
        PAUSED = "paused", _("Tạm ngừng")
        CLOSED = "closed", _("Đã giải thể")

    #: The levels an institution may sit at (a TTHTCĐ only at a commune).
    PLACE_LEVELS = (Level.COMMUNE, Level.DISTRICT, Level.PROVINCE)

    code = models.CharField(_("mã cơ sở"), max_length=40, unique=True)
    name = models.CharField(_("tên chính thức"), max_length=250)
    kind = models.CharField(_("loại cơ sở"), max_length=20, choices=Kind.choices)
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="centres", verbose_name=_("địa bàn")
    )
    managing_body = models.ForeignKey(
        Body,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="centres",
        verbose_name=_("cơ quan quản lý"),
    )
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    computers = models.PositiveIntegerField(_("số máy tính"), default=0)
    internet = models.BooleanField(_("có kết nối Internet"), default=False)
    it_management = models.BooleanField(
        _("ứng dụng CNTT trong quản lý, tổ chức hoạt động"), default=False
    )
    pilot_it = models.BooleanField(_("TTHTCĐ điểm ứng dụng CNTT"), default=False)
    digital_teaching = models.BooleanField(_("quản lý, dạy, học trên môi trường số"), default=False)
    staff_count = models.PositiveIntegerField(_("số cán bộ"), default=0)
    opening_hours = models.CharField(_("giờ mở cửa"), max_length=200, blank=True)

    objects = CentreQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ sở học tập")
        verbose_name_plural = _("cơ sở học tập")
        indexes = [models.Index(fields=["place", "sort_key"], name="centre_place_sorted")]
        constraints = [
            # One TTHTCĐ per commune: TT 11/2025/TT-BGDĐT has a merged commune reorganise the
            # centres of its old communes into its own (../shared/research/vn-criteria.md §11).
            models.UniqueConstraint(
                fields=["place"],
                condition=Q(kind="tthtcd", status="active"),
                name="centre_one_active_tthtcd_per_commune",
                violation_error_message=_(
                    "Xã này đã có một trung tâm học tập cộng đồng đang hoạt động."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def search_source(self) -> str:
        return f"{self.name} {self.code}"

    def sort_source(self) -> str:
        return self.name

    def audit_place(self) -> Place:
        return self.place

    @property
    def networked(self) -> bool:
        """Has computers connected to the network (indicator ``clc_networked``)."""
        return self.computers > 0 and self.internet

    def clean(self) -> None:
        super().clean()
        if self.place_id is None:
            return
        if self.place.level not in self.PLACE_LEVELS:
            raise ValidationError(
                {"place": _("Cơ sở học tập thuộc một xã, huyện hoặc tỉnh, không thuộc thôn.")}
            )
        if self.kind == self.Kind.TTHTCD and self.place.level != Level.COMMUNE:
            raise ValidationError({"place": _("Trung tâm học tập cộng đồng thuộc một xã, phường.")})
        if self.pilot_it and self.kind != self.Kind.TTHTCD:
            raise ValidationError(
                {"pilot_it": _("Chỉ trung tâm học tập cộng đồng mới là điểm ứng dụng CNTT.")}
            )
