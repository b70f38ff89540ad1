"""Each person's schooling by school year, literacy, and leaving the commune for good.

- ``SchoolingRecord``: one row per person and school year (the year's survey row, "phiếu điều
  tra"): the status that year, level, grade and school, and what the person has completed by
  then. A new year gets a new row (``actions`` copy the completions forward); rows of past school
  years are not changed in place (``actions.record_schooling`` refuses), so the history is the
  rows themselves and the audit trail.
- ``LiteracyRecord``: one row per adult, the literacy level reached and the year and way it was
  reached. Literacy is reached once (a stage completed, a certificate), so the year reached lets
  any past school year be recounted without a row per year (tens of millions of adults × years);
  a relapse (tái mù chữ) lowers the level, and the audit trail keeps what it was.
- ``Departure``: the person moved away for good or died; from the school year it happened in,
  they leave every cohort of their commune (the registry keeps the person).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xhht.accounts.scoped import ScopedQuerySet
from xhht.centres.models import Centre, LearningClass
from xhht.core.audited import AuditedModel
from xhht.pcgd.models.years import school_year_label
from xhht.places.models import Place
from xhht.registry.models import Person


class SchoolingQuerySet(ScopedQuerySet["SchoolingRecord"]):
    place_path_field = "person__place__path"

    def of_year(self, school_year: int) -> SchoolingQuerySet:
        return self.filter(school_year=school_year)


class SchoolingRecord(AuditedModel):
    """Tình trạng học tập của một người trong một năm học."""

    class Status(models.TextChoices):
        NOT_IN_SCHOOL = "not_in_school", _("Chưa đi học")
        ENROLLED = "enrolled", _("Đang học")
        FINISHED = "finished", _("Đã học xong, không học tiếp")
        DROPPED_OUT = "dropped_out", _("Bỏ học")
        #: Not living in the commune this school year (tạm vắng, chuyển đi): out of its cohorts.
        MOVED_AWAY = "moved_away", _("Chuyển đi, không cư trú tại xã trong năm học")

    class Level(models.TextChoices):
        PRESCHOOL = "preschool", _("Mầm non")
        PRIMARY = "primary", _("Tiểu học")
        LOWER_SECONDARY = "lower_secondary", _("Trung học cơ sở")
        UPPER_SECONDARY = "upper_secondary", _("Trung học phổ thông")
        CONTINUING = "continuing", _("Giáo dục thường xuyên")
        VOCATIONAL = "vocational", _("Giáo dục nghề nghiệp")

    #: The grades each level may carry (none for preschool and vocational).
    GRADES: dict[str, tuple[int, int]] = {
        Level.PRIMARY: (1, 5),
        Level.LOWER_SECONDARY: (6, 9),
        Level.UPPER_SECONDARY: (10, 12),
        Level.CONTINUING: (6, 12),
    }

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="schooling_records", verbose_name=_("người")
    )
    school_year = models.PositiveSmallIntegerField(_("năm học"))
    status = models.CharField(_("tình trạng"), max_length=16, choices=Status.choices)
    level = models.CharField(
        _("cấp học"), max_length=16, choices=Level.choices, blank=True, default=""
    )
    grade = models.PositiveSmallIntegerField(_("lớp"), null=True, blank=True)
    school = models.ForeignKey(
        Centre,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind__in": [Centre.Kind.SCHOOL, Centre.Kind.CONTINUING]},
        verbose_name=_("trường"),
    )
    #: When the school is not in the list of institutions (another province, a private school).
    school_name = models.CharField(_("tên trường"), max_length=250, blank=True, default="")
    completed_preschool = models.BooleanField(
        _("hoàn thành chương trình giáo dục mầm non"), default=False
    )
    primary_completed_year = models.PositiveSmallIntegerField(
        _("năm hoàn thành chương trình tiểu học"), null=True, blank=True
    )
    lower_secondary_diploma_year = models.PositiveSmallIntegerField(
        _("năm tốt nghiệp THCS"), null=True, blank=True
    )
    #: A disability that exempts the person from the PCGD cohorts of the year (trẻ khuyết tật
    #: không có khả năng học tập); the note says which and on what basis.
    exempt_disability = models.BooleanField(
        _("khuyết tật không có khả năng học tập (không tính vào đối tượng phổ cập)"),
        default=False,
    )
    disability_note = models.CharField(_("ghi chú khuyết tật"), max_length=300, blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True, default="")
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = SchoolingQuerySet.as_manager()

    class Meta:
        verbose_name = _("tình trạng học tập theo năm học")
        verbose_name_plural = _("tình trạng học tập theo năm học")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "school_year"],
                name="schooling_one_row_per_person_year",
                violation_error_message=_("Người này đã có phiếu của năm học này."),
            ),
        ]
        indexes = [models.Index(fields=["school_year", "person"], name="schooling_year_person")]

    def __str__(self) -> str:
        return f"{self.person_id} {school_year_label(self.school_year)}: {self.status}"

    def audit_place(self) -> Place:
        return self.person.place

    @property
    def school_year_label(self) -> str:
        return school_year_label(self.school_year)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.status == self.Status.ENROLLED and not self.level:
            errors["level"] = str(_("Người đang học cần có cấp học."))
        if self.level and self.status != self.Status.ENROLLED:
            errors["level"] = str(_("Chỉ ghi cấp học, lớp khi đang học."))
        span = self.GRADES.get(self.level)
        if self.grade is not None and (span is None or not span[0] <= self.grade <= span[1]):
            errors["grade"] = str(_("Lớp không thuộc cấp học đã chọn."))
        for field in ("primary_completed_year", "lower_secondary_diploma_year"):
            year = getattr(self, field)
            if year is not None and self.school_year and year > self.school_year + 1:
                errors[field] = str(_("Năm hoàn thành không được sau năm học này."))
        if (
            self.lower_secondary_diploma_year is not None
            and self.primary_completed_year is not None
            and self.lower_secondary_diploma_year < self.primary_completed_year
        ):
            errors["lower_secondary_diploma_year"] = str(
                _("Năm tốt nghiệp THCS không được trước năm hoàn thành tiểu học.")
            )
        if errors:
            raise ValidationError(errors)


class LiteracyQuerySet(ScopedQuerySet["LiteracyRecord"]):
    place_path_field = "person__place__path"


class LiteracyRecord(AuditedModel):
    """Chuẩn biết chữ của một người (NĐ 20/2014, Điều 19)."""

    class Level(models.IntegerChoices):
        NONE = 0, _("Chưa biết chữ")
        #: "Hoàn thành giai đoạn 1 chương trình xóa mù chữ … hoặc hoàn thành lớp 3".
        LEVEL_1 = 1, _("Biết chữ mức độ 1")
        #: "Hoàn thành giai đoạn 2 … hoặc hoàn thành chương trình giáo dục tiểu học".
        LEVEL_2 = 2, _("Biết chữ mức độ 2")

    class Method(models.TextChoices):
        LITERACY_CLASS = "literacy_class", _("Học lớp xóa mù chữ")
        SCHOOLING = "schooling", _("Học ở trường phổ thông")
        OTHER = "other", _("Khác")

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="literacy", verbose_name=_("người")
    )
    level = models.PositiveSmallIntegerField(_("mức độ biết chữ"), choices=Level.choices)
    reached_year = models.PositiveSmallIntegerField(_("năm đạt"), null=True, blank=True)
    method = models.CharField(
        _("cách đạt"), max_length=16, choices=Method.choices, blank=True, default=""
    )
    learning_class = models.ForeignKey(
        LearningClass,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lớp xóa mù chữ"),
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True, default="")
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = LiteracyQuerySet.as_manager()

    class Meta:
        verbose_name = _("chuẩn biết chữ")
        verbose_name_plural = _("chuẩn biết chữ")
        constraints = [
            models.CheckConstraint(condition=Q(level__in=[0, 1, 2]), name="literacy_level_known"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.level}"

    def audit_place(self) -> Place:
        return self.person.place

    def clean(self) -> None:
        super().clean()
        if self.learning_class_id and self.method != self.Method.LITERACY_CLASS:
            raise ValidationError(
                {"learning_class": _("Chỉ chọn lớp khi đạt chuẩn qua lớp xóa mù chữ.")}
            )
        if self.level == self.Level.NONE and self.reached_year is not None:
            raise ValidationError({"reached_year": _("Người chưa biết chữ không có năm đạt.")})


class DepartureQuerySet(ScopedQuerySet["Departure"]):
    place_path_field = "person__place__path"


class Departure(AuditedModel):
    """The person left the commune for good or died: out of its cohorts from that school year."""

    class Kind(models.TextChoices):
        MOVED_AWAY = "moved_away", _("Chuyển đi nơi khác")
        DECEASED = "deceased", _("Đã mất")

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="departure", verbose_name=_("người")
    )
    kind = models.CharField(_("lý do"), max_length=12, choices=Kind.choices)
    left_on = models.DateField(_("ngày"))
    note = models.CharField(_("ghi chú"), max_length=300, blank=True, default="")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người ghi"),
    )

    objects = DepartureQuerySet.as_manager()

    class Meta:
        verbose_name = _("chuyển đi, qua đời")
        verbose_name_plural = _("chuyển đi, qua đời")

    def __str__(self) -> str:
        return f"{self.person_id}: {self.kind} {self.left_on}"

    def audit_place(self) -> Place:
        return self.person.place
