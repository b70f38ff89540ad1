"""Members of the Study Promotion Association: a person of the registry where possible, otherwise
a name and a birth year; a branch, a join date, a role and, once gone, a leaving date. A branch
that keeps only totals enters its yearly figures instead (``MembershipFigure``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xhht.accounts.scoped import ScopedQuerySet
from xhht.association.models.branch import Branch
from xhht.core.audited import AuditedModel
from xhht.places.models import Place
from xhht.registry.models import NamedRecord, Person
from xhht.registry.validators import validate_birth_year


class MemberQuerySet(ScopedQuerySet["Member"]):
    place_path_field = "branch__place__path"

    def current(self) -> MemberQuerySet:
        return self.filter(left_on__isnull=True)


class Member(NamedRecord):
    class Role(models.TextChoices):
        MEMBER = "member", _("Hội viên")
        CHAPTER_HEAD = "chapter_head", _("Chi hội trưởng")
        CHAPTER_DEPUTY = "chapter_deputy", _("Chi hội phó")
        PRESIDENT = "president", _("Chủ tịch Hội")
        VICE_PRESIDENT = "vice_president", _("Phó Chủ tịch Hội")
        STANDING = "standing", _("Ủy viên Ban Thường vụ")
        EXECUTIVE = "executive", _("Ủy viên Ban Chấp hành")

    class Sex(models.TextChoices):
        NONE = "", _("—")
        MALE = "M", _("Nam")
        FEMALE = "F", _("Nữ")

    branch = models.ForeignKey(
        Branch, on_delete=models.PROTECT, related_name="members", verbose_name=_("chi hội")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="association_memberships",
        verbose_name=_("công dân trong sổ"),
    )
    #: Copied from the person when linked, so lists need no join and the name outlives the record.
    full_name = models.CharField(_("họ và tên"), max_length=150)
    birth_year = models.PositiveSmallIntegerField(
        _("năm sinh"), null=True, blank=True, validators=[validate_birth_year]
    )
    sex = models.CharField(
        _("giới tính"), max_length=1, choices=Sex.choices, blank=True, default=""
    )
    role = models.CharField(
        _("chức danh"), max_length=20, choices=Role.choices, default=Role.MEMBER
    )
    joined_on = models.DateField(_("ngày vào hội"))
    left_on = models.DateField(_("ngày ra khỏi hội"), null=True, blank=True)
    leave_reason = models.CharField(_("lý do ra khỏi hội"), max_length=300, blank=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("hội viên")
        verbose_name_plural = _("hội viên")
        indexes = [
            models.Index(fields=["branch", "sort_key"], name="member_branch_sorted"),
            models.Index(fields=["branch", "joined_on", "left_on"], name="member_branch_dates"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["branch", "person"],
                condition=Q(left_on__isnull=True, person__isnull=False),
                name="member_once_per_branch",
                violation_error_message=_("Người này đã là hội viên của chi hội."),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="member_leaves_after_joining",
                violation_error_message=_("Ngày ra khỏi hội không thể trước ngày vào hội."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def search_source(self) -> str:
        return self.full_name

    def sort_source(self) -> str:
        parts = self.full_name.split()
        return f"{parts[-1] if parts else ''} {self.full_name}"

    def audit_place(self) -> Place:
        return self.branch.place

    @property
    def current(self) -> bool:
        return self.left_on is None

    def clean(self) -> None:
        super().clean()
        if self.left_on is not None and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("Ngày ra khỏi hội không thể trước ngày vào hội.")})


class MembershipFigureQuerySet(ScopedQuerySet["MembershipFigure"]):
    place_path_field = "branch__place__path"


class MembershipFigure(AuditedModel):
    """A year's totals entered for a branch that keeps no member list (marked "entered")."""

    branch = models.ForeignKey(
        Branch, on_delete=models.CASCADE, related_name="figures", verbose_name=_("chi hội")
    )
    year = models.PositiveSmallIntegerField(_("năm"), validators=[MinValueValidator(1990)])
    members = models.PositiveIntegerField(_("số hội viên cuối năm"))
    joined = models.PositiveIntegerField(_("số hội viên mới trong năm"), default=0)
    left = models.PositiveIntegerField(_("số hội viên ra khỏi hội trong năm"), default=0)
    source = models.CharField(_("nguồn số liệu"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MembershipFigureQuerySet.as_manager()

    class Meta:
        verbose_name = _("số liệu hội viên đã nhập")
        verbose_name_plural = _("số liệu hội viên đã nhập")
        constraints = [
            models.UniqueConstraint(fields=["branch", "year"], name="figure_once_per_branch_year")
        ]

    def __str__(self) -> str:
        return f"{self.branch} {self.year}"

    def audit_place(self) -> Place:
        return self.branch.place
