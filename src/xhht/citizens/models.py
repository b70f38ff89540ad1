"""A citizen's own account and record: claiming one's person record (``Claim``), asking to
correct it (``CorrectionRequest``), and the years in which a citizen updated their record
themselves (``SelfUpdate``, the indicator ``citizen_self_updated``).

A claim holds the CCCD the claimant typed only as the registry holds one (``registry.pii``:
ciphertext, keyed hash, last three digits) and only while it waits: deciding it clears them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xhht.accounts.scoped import ScopedQuerySet
from xhht.core.audited import AuditedModel
from xhht.places.models import Place
from xhht.registry import pii
from xhht.registry.models import Person
from xhht.registry.validators import validate_birth_date


class ClaimQuerySet(ScopedQuerySet["Claim"]):
    """Claims wait at ``place``: the matched person's hamlet, or the place the claimant chose."""

    def pending(self) -> ClaimQuerySet:
        return self.filter(state=Claim.State.PENDING)


class Claim(AuditedModel):
    """A registered account asking to be linked to its person record (Person.user)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Chờ xác nhận")
        CONFIRMED = "confirmed", _("Đã xác nhận")
        REFUSED = "refused", _("Không xác nhận")

    audit_exclude = frozenset({"national_id_encrypted", "national_id_digest", "ip_digest"})

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="claims",
        verbose_name=_("tài khoản"),
    )
    full_name = models.CharField(_("họ và tên"), max_length=150)
    birth_date = models.DateField(_("ngày sinh"), validators=[validate_birth_date])
    phone = models.CharField(_("điện thoại"), max_length=20)
    national_id_encrypted = models.TextField(_("CCCD (mã hóa)"), blank=True, default="")
    national_id_digest = models.CharField(max_length=64, blank=True, default="", db_index=True)
    national_id_last3 = models.CharField(max_length=3, blank=True, default="")
    #: The commune or hamlet the claimant says they live in.
    claimed_place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="+", verbose_name=_("nơi cư trú khai báo")
    )
    #: The person record found by CCCD and birth date (server-side; never shown to the claimant).
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="claims",
        verbose_name=_("hồ sơ công dân"),
    )
    #: Where the claim waits: the matched person's place, else ``claimed_place``.
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="+", verbose_name=_("nơi xác nhận")
    )
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người xử lý"),
    )
    decided_at = models.DateTimeField(_("ngày xử lý"), null=True, blank=True)
    refusal_reason = models.CharField(_("lý do không xác nhận"), max_length=500, blank=True)
    #: Keyed hash of the address the registration came from (the per-address limit).
    ip_digest = models.CharField(max_length=64, blank=True, default="", db_index=True)
    created_at = models.DateTimeField(_("ngày gửi"), auto_now_add=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        verbose_name = _("yêu cầu liên kết hồ sơ")
        verbose_name_plural = _("yêu cầu liên kết hồ sơ")
        indexes = [models.Index(fields=["state", "place"], name="claim_state_place")]
        constraints = [
            models.UniqueConstraint(
                fields=["account"],
                condition=Q(state="pending"),
                name="claim_one_pending_per_account",
            )
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_state_display()})"

    def audit_place(self) -> Place:
        return self.place

    def set_cccd(self, number: str) -> None:
        self.national_id_encrypted = pii.encrypt_cccd(number)
        self.national_id_digest = pii.cccd_digest(number)
        self.national_id_last3 = number[-3:]

    def forget_cccd(self) -> None:
        """A decided claim keeps no number (docs/SECURITY.md, retention)."""
        self.national_id_encrypted, self.national_id_digest = "", ""

    def cccd(self) -> str:
        return pii.reveal_cccd(self.national_id_encrypted, self.national_id_last3)

    def masked_cccd(self) -> str:
        return pii.masked_from_last3(self.national_id_last3)


class CorrectionRequestQuerySet(ScopedQuerySet["CorrectionRequest"]):
    place_path_field = "person__place__path"

    def pending(self) -> CorrectionRequestQuerySet:
        return self.filter(state=CorrectionRequest.State.PENDING)


class CorrectionRequest(AuditedModel):
    """A citizen asks an officer to correct one field of their own record."""

    class Field(models.TextChoices):
        FULL_NAME = "full_name", _("Họ và tên")
        SEX = "sex", _("Giới tính")
        BIRTH_DATE = "birth_date", _("Ngày sinh")
        ETHNICITY = "ethnicity", _("Dân tộc")
        EDUCATION = "education", _("Trình độ học vấn")
        OCCUPATION = "occupation", _("Nhóm nghề nghiệp")
        PHONE = "phone", _("Điện thoại")
        OTHER = "other", _("Thông tin khác (hộ, nơi cư trú…)")

    class State(models.TextChoices):
        PENDING = "pending", _("Chờ xử lý")
        APPLIED = "applied", _("Đã sửa")
        REFUSED = "refused", _("Không sửa")

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="correction_requests",
        verbose_name=_("công dân"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("người đề nghị"),
    )
    field = models.CharField(_("thông tin cần sửa"), max_length=20, choices=Field.choices)
    current_value = models.CharField(_("đang ghi"), max_length=300, blank=True)
    asked_value = models.CharField(_("đề nghị sửa thành"), max_length=300)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người xử lý"),
    )
    decided_at = models.DateTimeField(_("ngày xử lý"), null=True, blank=True)
    refusal_reason = models.CharField(_("lý do không sửa"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("ngày gửi"), auto_now_add=True)

    objects = CorrectionRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("đề nghị sửa thông tin")
        verbose_name_plural = _("đề nghị sửa thông tin")
        indexes = [models.Index(fields=["person", "state"], name="correction_person_state")]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_field_display()}"

    def audit_place(self) -> Place:
        return self.person.place


class SelfUpdate(AuditedModel):
    """A year in which a citizen updated their own record on the platform (first time kept):
    one row per person and year, counted by ``citizen_self_updated`` at ``place``."""

    class How(models.TextChoices):
        CORRECTION = "correction", _("Đề nghị sửa thông tin được chấp nhận")
        LEARNING = "learning", _("Tự khai học tập")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="self_updates", verbose_name=_("công dân")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    #: The person's place when counted (the count stays there if the person moves).
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="+", verbose_name=_("nơi cư trú")
    )
    how = models.CharField(_("cách cập nhật"), max_length=12, choices=How.choices)
    at = models.DateTimeField(_("lần đầu trong năm"))

    class Meta:
        verbose_name = _("lần tự cập nhật thông tin")
        verbose_name_plural = _("công dân tự cập nhật thông tin")
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="self_update_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.year}"

    def audit_place(self) -> Place:
        return self.place


# The citizen's own learning (C2), in its own module; imported here so Django finds the models.
from xhht.citizens.learning_models import DigitalSkills, StudiedLine  # noqa: E402, F401
