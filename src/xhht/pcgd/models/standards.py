"""The standards of NĐ 20/2014/NĐ-CP as data: rule sets, versioned, each rule with its source.

- ``Standard``: one level (PCGD mầm non 5 tuổi; PCGD tiểu học mức 1–3; PCGD THCS mức 1–3; XMC
  mức 1–2), a version, the document it comes from, the school year it applies from, and the
  standards it requires. ``province`` NULL is the national set (data migration ``0002``); a
  province's version fills the thresholds the national set leaves empty (``rules.fill``), never
  changes a confirmed one.
- ``StandardRule``: a cohort rate with its threshold (NULL: not confirmed in a legal source — "do
  tỉnh nhập" — and the level cannot be reached until the province enters it) and the threshold
  or cohort for ĐBKK communes; or a condition that is not a rate (teachers, classrooms), checked
  per commune and year with evidence (``ConditionCheck``).
- ``HardshipCommune``: the commune is ĐBKK (xã có điều kiện kinh tế – xã hội đặc biệt khó khăn)
  in a school year: entered, with its basis.
- ``ProvinceRule``: the share of a province's communes that must reach a standard for the
  province to reach it. Districts are gone since 1/7/2025 and no rule for provinces after the
  reorganisation was found: entered by the province, NULL until then.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xhht.accounts.scoped import ScopedQuerySet
from xhht.core.audited import AuditedModel
from xhht.pcgd.models.cohorts import Cohort
from xhht.places.models import Place

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class StandardCode(models.TextChoices):
    PCGD_MN = "pcgd_mn", _("Phổ cập giáo dục mầm non cho trẻ em 5 tuổi")
    PCGD_TH_1 = "pcgd_th_1", _("Phổ cập giáo dục tiểu học mức độ 1")
    PCGD_TH_2 = "pcgd_th_2", _("Phổ cập giáo dục tiểu học mức độ 2")
    PCGD_TH_3 = "pcgd_th_3", _("Phổ cập giáo dục tiểu học mức độ 3")
    PCGD_THCS_1 = "pcgd_thcs_1", _("Phổ cập giáo dục trung học cơ sở mức độ 1")
    PCGD_THCS_2 = "pcgd_thcs_2", _("Phổ cập giáo dục trung học cơ sở mức độ 2")
    PCGD_THCS_3 = "pcgd_thcs_3", _("Phổ cập giáo dục trung học cơ sở mức độ 3")
    XMC_1 = "xmc_1", _("Xóa mù chữ mức độ 1")
    XMC_2 = "xmc_2", _("Xóa mù chữ mức độ 2")


class Family(models.TextChoices):
    PCGD_MN = "pcgd_mn", _("PCGD mầm non 5 tuổi")
    PCGD_TH = "pcgd_th", _("PCGD tiểu học")
    PCGD_THCS = "pcgd_thcs", _("PCGD trung học cơ sở")
    XMC = "xmc", _("Xóa mù chữ")


S = StandardCode
#: Each standard's family and level (a family's levels are cumulative: level 2 needs level 1).
LEVELS: dict[str, tuple[str, int]] = {
    S.PCGD_MN: (Family.PCGD_MN, 1),
    S.PCGD_TH_1: (Family.PCGD_TH, 1),
    S.PCGD_TH_2: (Family.PCGD_TH, 2),
    S.PCGD_TH_3: (Family.PCGD_TH, 3),
    S.PCGD_THCS_1: (Family.PCGD_THCS, 1),
    S.PCGD_THCS_2: (Family.PCGD_THCS, 2),
    S.PCGD_THCS_3: (Family.PCGD_THCS, 3),
    S.XMC_1: (Family.XMC, 1),
    S.XMC_2: (Family.XMC, 2),
}


class StandardQuerySet(models.QuerySet["Standard"]):
    def for_province(self, province_id: int | None) -> StandardQuerySet:
        """The national sets and the province's own."""
        return self.filter(Q(province__isnull=True) | Q(province_id=province_id))


class Standard(AuditedModel):
    code = models.CharField(_("chuẩn"), max_length=16, choices=StandardCode.choices)
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    province = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tỉnh (để trống: bộ chuẩn quốc gia)"),
    )
    #: "Nghị định 20/2014/NĐ-CP, Điều 15" and where it was read.
    source = models.TextField(_("căn cứ"), blank=True, default="")
    #: The first school year this version applies to.
    since_year = models.PositiveSmallIntegerField(_("áp dụng từ năm học"), default=2014)
    #: Codes of the standards of other families that must be reached first (PCGD THCS mức 1 needs
    #: PCGD tiểu học mức 1 and XMC mức 1); a family's lower levels are always required.
    requires = models.JSONField(_("cần đạt trước"), default=list, blank=True)
    note = models.TextField(_("ghi chú"), blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StandardQuerySet.as_manager()

    class Meta:
        verbose_name = _("chuẩn phổ cập, xóa mù chữ")
        verbose_name_plural = _("chuẩn phổ cập, xóa mù chữ")
        ordering = ["code", "province_id", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "version"],
                condition=Q(province__isnull=True),
                name="standard_national_version_unique",
            ),
            models.UniqueConstraint(
                fields=["code", "province", "version"],
                condition=Q(province__isnull=False),
                name="standard_province_version_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_code_display()} (v{self.version})"

    def audit_place(self) -> Place | None:
        return self.province

    @property
    def family(self) -> str:
        return LEVELS[self.code][0]

    @property
    def level(self) -> int:
        return LEVELS[self.code][1]


class StandardRule(AuditedModel):
    class Kind(models.TextChoices):
        RATE = "rate", _("Tỷ lệ theo độ tuổi")
        CONDITION = "condition", _("Điều kiện bảo đảm (nhập, có minh chứng)")

    standard = models.ForeignKey(
        Standard, on_delete=models.CASCADE, related_name="rules", verbose_name=_("chuẩn")
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.RATE)
    order = models.PositiveSmallIntegerField(default=0)
    cohort = models.CharField(
        _("đối tượng"), max_length=24, choices=Cohort.choices, blank=True, default=""
    )
    #: NULL: not confirmed in a legal source — the province enters it; until then the standard
    #: cannot be reached and the page says why.
    threshold = models.DecimalField(
        _("tỷ lệ tối thiểu (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
    )
    #: ĐBKK communes: another threshold (e.g. 70% instead of 80%) and/or another cohort (XMC:
    #: 15–25 instead of 15–35). Empty: the same as the others.
    hardship_threshold = models.DecimalField(
        _("tỷ lệ tối thiểu với xã ĐBKK (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
    )
    hardship_cohort = models.CharField(
        _("đối tượng với xã ĐBKK"), max_length=24, choices=Cohort.choices, blank=True, default=""
    )
    #: Confirmed: the threshold was read in a legal source (``source``); False: NOT FOUND or
    #: only a secondary source, left for the province (the ``source`` says what is known).
    confirmed = models.BooleanField(_("đã xác nhận trong văn bản"), default=False)
    source = models.TextField(_("nguồn"), blank=True, default="")
    #: Conditions: a short code shared by the versions ("mn_classrooms") and the text to check.
    condition = models.CharField(_("mã điều kiện"), max_length=40, blank=True, default="")
    text = models.TextField(_("nội dung"), blank=True, default="")

    class Meta:
        verbose_name = _("tiêu chí của chuẩn")
        verbose_name_plural = _("tiêu chí của chuẩn")
        ordering = ["standard", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="rate", condition="") | Q(kind="condition", cohort=""),
                name="standard_rule_rate_or_condition",
            ),
            models.CheckConstraint(
                condition=Q(confirmed=False) | Q(threshold__isnull=False) | Q(kind="condition"),
                name="standard_rule_confirmed_has_threshold",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.standard.code}: {self.cohort or self.condition} ≥ {self.threshold}"

    def audit_place(self) -> Place | None:
        return self.standard.province


class HardshipQuerySet(ScopedQuerySet["HardshipCommune"]):
    place_path_field = "commune__path"


class HardshipCommune(AuditedModel):
    """Xã có điều kiện kinh tế – xã hội đặc biệt khó khăn (ĐBKK) in a school year."""

    commune = models.ForeignKey(
        Place, on_delete=models.CASCADE, related_name="+", verbose_name=_("xã")
    )
    school_year = models.PositiveSmallIntegerField(_("năm học"))
    basis = models.CharField(_("căn cứ (quyết định)"), max_length=300, blank=True, default="")

    objects = HardshipQuerySet.as_manager()

    class Meta:
        verbose_name = _("xã đặc biệt khó khăn")
        verbose_name_plural = _("xã đặc biệt khó khăn")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "school_year"], name="hardship_one_per_commune_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commune_id} {self.school_year}"

    def audit_place(self) -> Place:
        return self.commune


def condition_evidence_path(instance: ConditionCheck, filename: str) -> str:
    extension = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}.get(
        instance.content_type, "bin"
    )
    return f"pcgd/conditions/{instance.school_year}/{uuid.uuid4().hex}.{extension}"


class ConditionQuerySet(ScopedQuerySet["ConditionCheck"]):
    place_path_field = "commune__path"


class ConditionCheck(AuditedModel):
    """A commune's answer to a condition that is not a rate, in a school year, with evidence
    (a PDF or photo checked by content, ``core.files``; served only through an access-checked
    view)."""

    commune = models.ForeignKey(
        Place, on_delete=models.CASCADE, related_name="+", verbose_name=_("xã")
    )
    school_year = models.PositiveSmallIntegerField(_("năm học"))
    condition = models.CharField(_("mã điều kiện"), max_length=40)
    met = models.BooleanField(_("đạt"), default=False)
    note = models.TextField(_("giải trình"), blank=True, default="")
    evidence = models.FileField(
        _("minh chứng"), upload_to=condition_evidence_path, max_length=200, blank=True
    )
    original_name = models.CharField(_("tên tệp gốc"), max_length=200, blank=True, default="")
    content_type = models.CharField(max_length=60, blank=True, default="")
    sha256 = models.CharField(max_length=64, blank=True, default="")
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người nhập"),
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = ConditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("điều kiện bảo đảm của xã")
        verbose_name_plural = _("điều kiện bảo đảm của xã")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "school_year", "condition"], name="condition_check_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commune_id} {self.school_year} {self.condition}: {self.met}"

    def audit_place(self) -> Place:
        return self.commune


class ProvinceRuleQuerySet(ScopedQuerySet["ProvinceRule"]):
    place_path_field = "province__path"


class ProvinceRule(AuditedModel):
    """The share of its communes a province needs at a standard to reach it (entered)."""

    province = models.ForeignKey(
        Place, on_delete=models.CASCADE, related_name="+", verbose_name=_("tỉnh")
    )
    code = models.CharField(_("chuẩn"), max_length=16, choices=StandardCode.choices)
    #: NULL until the province enters it: the province's level is then not computed.
    share = models.DecimalField(
        _("tỷ lệ xã đạt chuẩn tối thiểu (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
    )
    basis = models.TextField(_("căn cứ"), blank=True, default="")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người nhập"),
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = ProvinceRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("quy định cấp tỉnh")
        verbose_name_plural = _("quy định cấp tỉnh")
        constraints = [
            models.UniqueConstraint(fields=["province", "code"], name="province_rule_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.province_id} {self.code}: {self.share}"

    def audit_place(self) -> Place:
        return self.province
