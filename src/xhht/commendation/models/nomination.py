"""A nomination (đề nghị khen thưởng) of an exemplary person or collective (gương điển hình)
within a movement, its evidence, the commune council's review and the decision.

States: draft → submitted → reviewed → decided, or returned (from submitted or reviewed) with the
reasons, then submitted again. The subject is one registry person (an individual) or a household,
clan, unit, body or hamlet (a collective); ``place`` is the subject's hamlet or commune (the
scope), ``commune`` the commune whose council reviews it.
"""

from __future__ import annotations

import functools
import operator
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xhht.accounts.models import Body
from xhht.accounts.scoped import ScopedQuerySet
from xhht.commendation.models.movement import Movement
from xhht.core.audited import AuditedModel
from xhht.core.workflow import Transitions
from xhht.places.models import Place
from xhht.registry.models import Clan, Household, Person, Unit


class State(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi hội đồng")
    REVIEWED = "reviewed", _("Hội đồng đã thống nhất")
    DECIDED = "decided", _("Đã quyết định khen thưởng")
    RETURNED = "returned", _("Trả lại để bổ sung")


class Step(models.TextChoices):
    NOMINATE = "nominate", _("Lập hồ sơ đề nghị")
    SUBMIT = "submit", _("Gửi hội đồng thi đua, khen thưởng")
    AGREE = "agree", _("Hội đồng thống nhất đề nghị")
    RETURN = "return", _("Trả lại để bổ sung")
    DECIDE = "decide", _("Quyết định khen thưởng")


TRANSITIONS: Transitions = {
    Step.SUBMIT: (frozenset({State.DRAFT, State.RETURNED}), State.SUBMITTED),
    Step.AGREE: (frozenset({State.SUBMITTED}), State.REVIEWED),
    Step.RETURN: (frozenset({State.SUBMITTED, State.REVIEWED}), State.RETURNED),
    Step.DECIDE: (frozenset({State.REVIEWED}), State.DECIDED),
}
EDITABLE = frozenset({State.DRAFT, State.RETURNED})


class Award(models.TextChoices):
    COMMUNE_CERTIFICATE = "giay_khen", _("Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã")
    PROVINCE_CERTIFICATE = "bang_khen", _("Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh")


SUBJECT_FIELDS = ("person", "household", "clan", "unit", "body", "subject_place")


def _exactly_one_subject() -> Q:
    choices = [
        Q(**{f"{other}__isnull": other != name for other in SUBJECT_FIELDS})
        for name in SUBJECT_FIELDS
    ]
    return functools.reduce(operator.or_, choices)


class NominationQuerySet(ScopedQuerySet["Nomination"]):
    place_path_field = "place__path"


class Nomination(AuditedModel):
    movement = models.ForeignKey(
        Movement, on_delete=models.PROTECT, related_name="nominations", verbose_name=_("phong trào")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="nominations"
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, null=True, blank=True, related_name="nominations"
    )
    clan = models.ForeignKey(
        Clan, on_delete=models.PROTECT, null=True, blank=True, related_name="nominations"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="nominations"
    )
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="nominations"
    )
    subject_place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations_as_subject",
    )
    #: The subject's hamlet or commune: who sees the nomination.
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="nominations", verbose_name=_("địa bàn")
    )
    #: The commune whose council reviews it and whose chairman gives the Giấy khen.
    commune = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="+")
    achievements = models.TextField(_("thành tích"))
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.DRAFT
    )
    version = models.PositiveIntegerField(default=1)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The council's review
    council_note = models.TextField(_("ý kiến của hội đồng"), blank=True)
    votes_for = models.PositiveSmallIntegerField(_("số phiếu đồng ý"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(
        _("số phiếu không đồng ý"), null=True, blank=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    # The decision
    award = models.CharField(
        _("hình thức khen thưởng"), max_length=10, choices=Award.choices, blank=True
    )
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=40, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    signer_name = models.CharField(_("họ tên người ký"), max_length=100, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NominationQuerySet.as_manager()

    class Meta:
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = _("hồ sơ đề nghị khen thưởng")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=_exactly_one_subject(), name="nomination_one_subject")
        ]

    def __str__(self) -> str:
        return f"{self.subject_name()} · {self.movement}"

    def audit_place(self) -> Place:
        return self.place

    def subject(self) -> Person | Household | Clan | Unit | Body | Place:
        for name in SUBJECT_FIELDS:
            value = getattr(self, name)
            if value is not None:
                return value  # type: ignore[no-any-return]  # one of the subject FKs
        raise ValueError("a nomination without a subject")

    def subject_name(self) -> str:
        subject = self.subject()
        if isinstance(subject, Person):
            return subject.full_name
        if isinstance(subject, Household):
            return str(_("Hộ gia đình %(head)s") % {"head": subject.head_name})
        return str(getattr(subject, "name", subject))

    def is_individual(self) -> bool:
        return self.person_id is not None

    def is_editable(self) -> bool:
        return self.state in EDITABLE


def nomination_evidence_path(instance: NominationEvidence, filename: str) -> str:
    extension = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}.get(
        instance.content_type, "bin"
    )
    return f"commendation/{uuid.uuid4().hex}.{extension}"


class NominationEvidence(AuditedModel):
    """A photo or PDF proving an achievement, checked by content (``core.files``)."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("tệp"), upload_to=nomination_evidence_path, max_length=200)
    original_name = models.CharField(_("tên tệp"), max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("minh chứng thành tích")
        verbose_name_plural = _("minh chứng thành tích")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name

    def audit_place(self) -> Place:
        return self.nomination.place
