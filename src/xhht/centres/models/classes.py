"""Classes and activities a place runs: where (an institution or a place), when (sessions), who
organises them, who took part (people from the registry, or head counts where names are not kept),
attendance, completion and certificates."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from xhht.accounts.models import Body
from xhht.accounts.scoped import ScopedQuerySet
from xhht.centres.models.centre import Centre
from xhht.centres.models.topic import Topic
from xhht.core.audited import AuditedModel
from xhht.places.models import Place
from xhht.registry.models import NamedRecord, Person

NOT_NEGATIVE = MinValueValidator(Decimal("0"))


class LearningClassQuerySet(ScopedQuerySet["LearningClass"]):
    def of_year(self, year: int) -> LearningClassQuerySet:
        return self.filter(start_date__year=year)


class LearningClass(NamedRecord):
    """Lớp học, hoạt động học tập: a class, a talk, a club meeting series."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Dự kiến")
        OPEN = "open", _("Đang học")
        CLOSED = "closed", _("Đã kết thúc")

    #: Optional: a class imported from a sheet is matched again by it.
    code = models.CharField(_("mã lớp"), max_length=40, blank=True, default="")
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="classes", verbose_name=_("chủ đề")
    )
    title = models.CharField(_("tên lớp, hoạt động"), max_length=250)
    centre = models.ForeignKey(
        Centre,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="classes",
        verbose_name=_("cơ sở tổ chức"),
    )
    #: The centre's place when a centre is given; otherwise where the class meets.
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="learning_classes", verbose_name=_("địa bàn")
    )
    organiser = models.ForeignKey(
        Body,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organised_classes",
        verbose_name=_("cơ quan chủ trì"),
    )
    partners = models.ManyToManyField(
        Body, blank=True, related_name="partner_classes", verbose_name=_("cơ quan phối hợp")
    )
    teachers = models.CharField(_("giáo viên, báo cáo viên"), max_length=500, blank=True)
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    hours = models.DecimalField(
        _("số giờ học"),
        max_digits=7,
        decimal_places=1,
        default=Decimal("0"),
        validators=[NOT_NEGATIVE],
    )
    certificates_issued = models.PositiveIntegerField(
        _("số chứng chỉ, giấy chứng nhận đã cấp"), default=0
    )

    objects = LearningClassQuerySet.as_manager()

    class Meta:
        verbose_name = _("lớp học, hoạt động")
        verbose_name_plural = _("lớp học, hoạt động")
        indexes = [
            models.Index(fields=["place", "start_date"], name="class_place_start"),
            models.Index(fields=["centre", "start_date"], name="class_centre_start"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="class_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def search_source(self) -> str:
        return f"{self.title} {self.code}"

    def audit_place(self) -> Place:
        return self.place

    @property
    def year(self) -> int:
        return self.start_date.year

    def clean(self) -> None:
        super().clean()
        self._follow_centre()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Ngày kết thúc không được trước ngày bắt đầu.")})

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._follow_centre()
        super().save(*args, **kwargs)

    def _follow_centre(self) -> None:
        """A class held at a centre belongs to the centre's place."""
        centre = self.centre if self.centre_id is not None else None
        if centre is not None:
            self.place_id = centre.place_id


class SessionQuerySet(ScopedQuerySet["Session"]):
    place_path_field = "learning_class__place__path"


class Session(AuditedModel):
    """Buổi học: one meeting of a class."""

    learning_class = models.ForeignKey(
        LearningClass, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("lớp")
    )
    date = models.DateField(_("ngày học"))
    hours = models.DecimalField(
        _("số giờ"), max_digits=5, decimal_places=1, default=Decimal("2"), validators=[NOT_NEGATIVE]
    )
    subject = models.CharField(_("nội dung buổi học"), max_length=300, blank=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("buổi học")
        verbose_name_plural = _("buổi học")
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["learning_class", "date"], name="session_class_date")]

    def __str__(self) -> str:
        return f"{self.learning_class} · {self.date:%d/%m/%Y}"

    def audit_place(self) -> Place:
        return self.learning_class.place


class ParticipationQuerySet(ScopedQuerySet["Participation"]):
    place_path_field = "learning_class__place__path"


class Participation(AuditedModel):
    """A person from the registry in a class: attendance (``Attendance`` rows), completion."""

    learning_class = models.ForeignKey(
        LearningClass,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("lớp"),
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="participations", verbose_name=_("học viên")
    )
    completed = models.BooleanField(_("hoàn thành"), default=False)
    result = models.CharField(_("kết quả"), max_length=200, blank=True)
    certificate = models.BooleanField(_("được cấp chứng chỉ, giấy chứng nhận"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("học viên của lớp")
        verbose_name_plural = _("học viên của lớp")
        constraints = [
            models.UniqueConstraint(
                fields=["learning_class", "person"], name="participation_once_per_class"
            ),
        ]
        indexes = [models.Index(fields=["person"], name="participation_person")]

    def __str__(self) -> str:
        return f"{self.person} · {self.learning_class}"

    def audit_place(self) -> Place:
        return self.learning_class.place


class Attendance(AuditedModel):
    """A participant present at a session (absent: no row)."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("buổi học")
    )
    participation = models.ForeignKey(
        Participation,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("học viên"),
    )

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participation"], name="attendance_once_per_session"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participation} · {self.session.date:%d/%m/%Y}"

    def audit_place(self) -> Place:
        return self.session.learning_class.place

    def clean(self) -> None:
        super().clean()
        if (
            self.session_id is not None
            and self.participation_id is not None
            and self.session.learning_class_id != self.participation.learning_class_id
        ):
            raise ValidationError(_("Học viên và buổi học không cùng một lớp."))


class HeadCount(AuditedModel):
    """Participants counted, not named (a talk in a hamlet): by sex and age group."""

    class AgeGroup(models.TextChoices):
        UNDER_15 = "under_15", _("Dưới 15 tuổi")
        FROM_15_TO_35 = "15_35", _("Từ 15 đến 35 tuổi")
        FROM_36_TO_60 = "36_60", _("Từ 36 đến 60 tuổi")
        OVER_60 = "over_60", _("Trên 60 tuổi")

    learning_class = models.ForeignKey(
        LearningClass, on_delete=models.CASCADE, related_name="head_counts", verbose_name=_("lớp")
    )
    sex = models.CharField(_("giới tính"), max_length=1, choices=Person.Sex.choices)
    age_group = models.CharField(_("nhóm tuổi"), max_length=10, choices=AgeGroup.choices)
    count = models.PositiveIntegerField(_("số người"), default=0)

    class Meta:
        verbose_name = _("số người tham gia (không ghi tên)")
        verbose_name_plural = _("số người tham gia (không ghi tên)")
        constraints = [
            models.UniqueConstraint(
                fields=["learning_class", "sex", "age_group"], name="head_count_one_per_group"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learning_class} · {self.get_sex_display()} · {self.get_age_group_display()}"

    def audit_place(self) -> Place:
        return self.learning_class.place
