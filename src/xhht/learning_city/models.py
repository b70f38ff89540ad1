"""A city's profile for the UNESCO Global Network of Learning Cities (GNLC): one per province (or
city place), the facts of the membership application that XHHT does not hold (the mayor, the
contact, area, GDP, years of schooling) and, per Key Feature, the text the province writes in
Vietnamese and in English (``ProfileText``). The live figures are computed on read
(``figures``), never stored here. See docs/LEARNING_CITY.md."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from xhht.accounts.scoped import ScopedQuerySet
from xhht.core.audited import AuditedModel
from xhht.places.models import Place


class CityProfileQuerySet(ScopedQuerySet["CityProfile"]):
    pass


class CityProfile(AuditedModel):
    place = models.OneToOneField(
        Place,
        on_delete=models.PROTECT,
        related_name="learning_city_profile",
        verbose_name=_("tỉnh, thành phố"),
    )
    name_en = models.CharField(_("tên thành phố (tiếng Anh)"), max_length=200, blank=True)
    website = models.URLField(_("trang thông tin điện tử"), blank=True)
    mayor_name = models.CharField(_("họ tên Chủ tịch UBND"), max_length=200, blank=True)
    mayor_title = models.CharField(_("chức danh chính thức"), max_length=200, blank=True)
    contact_name = models.CharField(_("họ tên người liên hệ"), max_length=200, blank=True)
    contact_title = models.CharField(_("chức danh người liên hệ"), max_length=200, blank=True)
    contact_organisation = models.CharField(_("cơ quan người liên hệ"), max_length=250, blank=True)
    contact_email = models.EmailField(_("thư điện tử người liên hệ"), blank=True)
    contact_phone = models.CharField(_("điện thoại người liên hệ"), max_length=40, blank=True)
    #: Entered by the province (XHHT does not hold them): the form's "city profile" data.
    area_km2 = models.PositiveIntegerField(_("diện tích (km²)"), null=True, blank=True)
    gdp_per_capita_usd = models.PositiveIntegerField(
        _("GRDP bình quân đầu người (USD)"), null=True, blank=True
    )
    schooling_years_men = models.DecimalField(
        _("số năm đi học bình quân của nam"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    schooling_years_women = models.DecimalField(
        _("số năm đi học bình quân của nữ"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = CityProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("hồ sơ thành phố học tập")

    def __str__(self) -> str:
        return str(self.place)

    def audit_place(self) -> Place:
        return self.place


class ProfileTextQuerySet(ScopedQuerySet["ProfileText"]):
    place_path_field = "profile__place__path"


class ProfileText(AuditedModel):
    """What the province writes for one section (a Key Feature or a part of the application)."""

    profile = models.ForeignKey(CityProfile, on_delete=models.CASCADE, related_name="texts")
    #: A section key of ``features.SECTIONS`` (e.g. ``families``, ``motivation``).
    key = models.CharField(_("mục"), max_length=40)
    text_vi = models.TextField(_("nội dung tiếng Việt"), blank=True)
    text_en = models.TextField(_("nội dung tiếng Anh"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProfileTextQuerySet.as_manager()

    class Meta:
        verbose_name = _("nội dung hồ sơ thành phố học tập")
        constraints = [
            models.UniqueConstraint(fields=["profile", "key"], name="learning_city_text_unique")
        ]

    def __str__(self) -> str:
        return f"{self.profile} {self.key}"

    def audit_place(self) -> Place:
        return self.profile.place
