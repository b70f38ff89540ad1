"""The registries the learning titles are given to: households, people, clans and units.

Every record belongs to a place (a hamlet, or a commune for clans and some units); the rates a
plan targets ("60% of families") use these tables as their denominators.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from xhht.accounts.scoped import ScopedQuerySet
from xhht.core.audited import AuditedModel
from xhht.core.text import fold, sort_key
from xhht.places.models import Place
from xhht.registry import pii
from xhht.registry.validators import validate_birth_date, validate_birth_year

if TYPE_CHECKING:
    pass


class NamedRecord(AuditedModel):
    """Keeps the folded copy (search) and the Vietnamese sort key of ``name`` in step."""

    search_text = models.CharField(max_length=255, editable=False, default="", db_index=True)
    sort_key = models.CharField(max_length=600, editable=False, default="", db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def search_source(self) -> str:
        raise NotImplementedError

    def sort_source(self) -> str:
        return self.search_source()

    def refresh_keys(self) -> None:
        """Recompute the search and sort copies; bulk writers (which skip ``save``) call it too."""
        self.search_text = fold(self.search_source())[:255]
        self.sort_key = sort_key(self.sort_source())[:600]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.refresh_keys()
        super().save(*args, **kwargs)


class HouseholdQuerySet(ScopedQuerySet["Household"]):
    pass


class Household(NamedRecord):
    code = models.CharField(_("mã hộ"), max_length=40, unique=True)
    place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        related_name="households",
        verbose_name=_("thôn/tổ dân phố"),
    )
    head_name = models.CharField(_("chủ hộ"), max_length=150)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("hộ gia đình")
        verbose_name_plural = _("hộ gia đình")
        indexes = [models.Index(fields=["place", "sort_key"], name="household_place_sorted")]

    def __str__(self) -> str:
        return f"{self.head_name} ({self.code})"

    def search_source(self) -> str:
        return f"{self.head_name} {self.code} {self.address}"

    def sort_source(self) -> str:
        return self.head_name

    def audit_place(self) -> Place:
        return self.place


class UnitQuerySet(ScopedQuerySet["Unit"]):
    pass


class Unit(NamedRecord):
    """Đơn vị: an agency, school, enterprise, production establishment or armed-forces unit."""

    class Kind(models.TextChoices):
        AGENCY = "agency", _("Cơ quan, tổ chức")
        SCHOOL = "school", _("Trường học, cơ sở giáo dục")
        ENTERPRISE = "enterprise", _("Doanh nghiệp")
        PRODUCTION = "production", _("Cơ sở sản xuất, kinh doanh")
        ARMED_FORCES = "armed_forces", _("Đơn vị lực lượng vũ trang")
        OTHER = "other", _("Khác")

    class SchoolLevel(models.TextChoices):
        NONE = "", _("—")
        PRESCHOOL = "preschool", _("Mầm non")
        PRIMARY = "primary", _("Tiểu học")
        LOWER_SECONDARY = "lower_secondary", _("Trung học cơ sở")
        UPPER_SECONDARY = "upper_secondary", _("Trung học phổ thông")
        CONTINUING = "continuing", _("Giáo dục thường xuyên")
        VOCATIONAL = "vocational", _("Giáo dục nghề nghiệp")
        UNIVERSITY = "university", _("Đại học, cao đẳng")

    class Level(models.TextChoices):
        COMMUNE = "commune", _("Cấp xã")
        DISTRICT = "district", _("Cấp huyện (trước 1/7/2025)")
        PROVINCE = "province", _("Cấp tỉnh")
        CENTRAL = "central", _("Trung ương")

    code = models.CharField(_("mã đơn vị"), max_length=40, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=250)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    school_level = models.CharField(
        _("cấp học"), max_length=20, choices=SchoolLevel.choices, blank=True, default=""
    )
    level = models.CharField(_("cấp quản lý"), max_length=10, choices=Level.choices)
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="units", verbose_name=_("địa bàn")
    )
    staff_count = models.PositiveIntegerField(_("số CB, CC, VC, NLĐ"), default=0)
    digital_learning = models.BooleanField(_("quản lý, dạy, học trên môi trường số"), default=False)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        indexes = [models.Index(fields=["place", "sort_key"], name="unit_place_sorted")]

    def __str__(self) -> str:
        return self.name

    def search_source(self) -> str:
        return f"{self.name} {self.code}"

    def sort_source(self) -> str:
        return self.name

    def audit_place(self) -> Place:
        return self.place


class PersonQuerySet(ScopedQuerySet["Person"]):
    def with_cccd(self, number: str) -> PersonQuerySet:
        # Every readable key's hash: during a key rotation some rows still carry an old one.
        return self.filter(national_id_digest__in=pii.cccd_digests(pii.normalise_cccd(number)))


class Person(NamedRecord):
    class Sex(models.TextChoices):
        MALE = "M", _("Nam")
        FEMALE = "F", _("Nữ")

    class Education(models.TextChoices):
        NONE = "none", _("Chưa đi học")
        PRIMARY = "primary", _("Tiểu học")
        LOWER_SECONDARY = "lower_secondary", _("Trung học cơ sở")
        UPPER_SECONDARY = "upper_secondary", _("Trung học phổ thông")
        VOCATIONAL = "vocational", _("Sơ cấp, trung cấp nghề")
        COLLEGE = "college", _("Cao đẳng")
        UNIVERSITY = "university", _("Đại học")
        POSTGRADUATE = "postgraduate", _("Sau đại học")

    class Occupation(models.TextChoices):
        FARMER = "farmer", _("Nông dân, lao động nông thôn")
        WORKER = "worker", _("Công nhân, thợ thủ công")
        OFFICIAL = "official", _("Cán bộ, công chức, viên chức")
        BUSINESS = "business", _("Doanh nhân, quản lý doanh nghiệp")
        ARMED_FORCES = "armed_forces", _("Lực lượng vũ trang")
        STUDENT = "student", _("Học sinh, sinh viên")
        RETIRED = "retired", _("Nghỉ hưu")
        OTHER = "other", _("Khác")

    class Relation(models.TextChoices):
        HEAD = "head", _("Chủ hộ")
        SPOUSE = "spouse", _("Vợ/chồng")
        CHILD = "child", _("Con")
        PARENT = "parent", _("Bố/mẹ")
        GRANDCHILD = "grandchild", _("Cháu")
        OTHER = "other", _("Khác")

    audit_exclude = frozenset({"national_id_encrypted", "national_id_digest"})

    full_name = models.CharField(_("họ và tên"), max_length=150)
    sex = models.CharField(_("giới tính"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(
        _("ngày sinh"), null=True, blank=True, validators=[validate_birth_date]
    )
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), validators=[validate_birth_year])
    ethnicity = models.CharField(_("dân tộc"), max_length=40, default="Kinh")
    education = models.CharField(
        _("trình độ học vấn"), max_length=20, choices=Education.choices, default=Education.NONE
    )
    occupation = models.CharField(
        _("nhóm nghề nghiệp"), max_length=20, choices=Occupation.choices, default=Occupation.OTHER
    )
    national_id_encrypted = models.TextField(_("CCCD (mã hóa)"), blank=True, default="")
    national_id_digest = models.CharField(max_length=64, null=True, blank=True, unique=True)
    national_id_last3 = models.CharField(max_length=3, blank=True, default="")
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="people", verbose_name=_("nơi cư trú")
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("hộ gia đình"),
    )
    relation = models.CharField(
        _("quan hệ với chủ hộ"), max_length=12, choices=Relation.choices, blank=True, default=""
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("nơi làm việc"),
    )
    user = models.OneToOneField(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="person"
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("công dân")
        verbose_name_plural = _("công dân")
        indexes = [
            models.Index(fields=["place", "sort_key"], name="person_place_sorted"),
            models.Index(fields=["household"], name="person_household"),
            # Counting adults per place (rollup rebuilds) reads this index, not the wide rows:
            # a 5-million-person province went from 17.8 s to 2.4 s (docs/SCALING.md).
            models.Index(fields=["place", "birth_year"], name="person_place_birth_year"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def search_source(self) -> str:
        return self.full_name

    def sort_source(self) -> str:
        # Vietnamese lists sort by given name (the last word), then the full name.
        parts = self.full_name.split()
        return f"{parts[-1] if parts else ''} {self.full_name}"

    def audit_place(self) -> Place:
        return self.place

    def set_cccd(self, number: str) -> None:
        """Store a (validated) CCCD: only its ciphertext, its keyed hash and last three digits."""
        if not number:
            self.national_id_encrypted, self.national_id_digest, self.national_id_last3 = (
                "",
                None,
                "",
            )
            return
        self.national_id_encrypted = pii.encrypt_cccd(number)
        self.national_id_digest = pii.cccd_digest(number)
        self.national_id_last3 = number[-3:]

    def cccd(self) -> str:
        return pii.reveal_cccd(self.national_id_encrypted, self.national_id_last3)

    def masked_cccd(self) -> str:
        return pii.masked_from_last3(self.national_id_last3)


class ClanQuerySet(ScopedQuerySet["Clan"]):
    place_path_field = "commune__path"


class Clan(NamedRecord):
    """Dòng họ: registered in one commune; member households may live in several hamlets or communes."""

    code = models.CharField(_("mã dòng họ"), max_length=40, unique=True)
    name = models.CharField(_("tên dòng họ"), max_length=150)
    commune = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="clans", verbose_name=_("xã đăng ký")
    )
    representative = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người đại diện"),
    )
    households = models.ManyToManyField(
        Household, related_name="clans", blank=True, verbose_name=_("hộ thành viên")
    )

    objects = ClanQuerySet.as_manager()

    class Meta:
        verbose_name = _("dòng họ")
        verbose_name_plural = _("dòng họ")

    def __str__(self) -> str:
        return self.name

    def search_source(self) -> str:
        return f"{self.name} {self.code}"

    def sort_source(self) -> str:
        return self.name

    def audit_place(self) -> Place:
        return self.commune
