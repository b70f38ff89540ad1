"""Each person's learning record (sổ theo dõi học tập): a line per class taken part in, plus
self-declared learning (online courses, books, trainings at work) an officer may confirm."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xhht.accounts.scoped import ScopedQuerySet
from xhht.centres.models.classes import Participation
from xhht.centres.models.topic import Topic
from xhht.core.audited import AuditedModel
from xhht.places.models import Place
from xhht.registry.models import Person


class LearningEntryQuerySet(ScopedQuerySet["LearningEntry"]):
    place_path_field = "person__place__path"

    def counted(self) -> LearningEntryQuerySet:
        """Entries that count as learning: class lines and confirmed self-declared ones."""
        return self.filter(Q(kind=LearningEntry.Kind.CLASS) | Q(confirmed_at__isnull=False))


class LearningEntry(AuditedModel):
    class Kind(models.TextChoices):
        CLASS = "class", _("Lớp học, hoạt động")
        ONLINE_COURSE = "online_course", _("Khóa học trực tuyến")
        BOOK = "book", _("Đọc sách")
        WORK_TRAINING = "work_training", _("Bồi dưỡng, tập huấn tại nơi làm việc")
        OTHER = "other", _("Khác")

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="learning_entries",
        verbose_name=_("công dân"),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("hình thức"), max_length=20, choices=Kind.choices)
    #: The class line's participation (kind ``class`` only; one line per participation).
    participation = models.OneToOneField(
        Participation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="learning_entry",
        verbose_name=_("lớp đã tham gia"),
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="learning_entries",
        verbose_name=_("chủ đề"),
    )
    title = models.CharField(_("nội dung học tập"), max_length=300)
    hours = models.DecimalField(
        _("số giờ"),
        max_digits=7,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    result = models.CharField(_("kết quả"), max_length=200, blank=True)
    #: Where a self-declared entry comes from: the platform, the book, the employer.
    source = models.CharField(_("nguồn, nơi học"), max_length=300, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người xác nhận"),
    )
    confirmed_at = models.DateTimeField(_("ngày xác nhận"), null=True, blank=True)
    #: An officer who would not confirm a self-declared line, and why (the citizen sees it).
    refused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người không xác nhận"),
    )
    refused_at = models.DateTimeField(_("ngày không xác nhận"), null=True, blank=True)
    refusal_reason = models.CharField(_("lý do không xác nhận"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LearningEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("dòng sổ theo dõi học tập")
        verbose_name_plural = _("sổ theo dõi học tập")
        indexes = [models.Index(fields=["person", "year"], name="learning_entry_person_year")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="class", participation__isnull=False)
                | (~Q(kind="class") & Q(participation__isnull=True)),
                name="learning_entry_class_has_participation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.year} · {self.title}"

    def audit_place(self) -> Place:
        return self.person.place

    @property
    def self_declared(self) -> bool:
        return self.kind != self.Kind.CLASS

    @property
    def confirmed(self) -> bool:
        return self.kind == self.Kind.CLASS or self.confirmed_at is not None
