"""An assessment: one subject's way to a learning title in one year, through explicit states.

registered → self_assessed → reviewed → proposed → recognised / refused; a reviewer may return a
self-assessment for correction (returned → self_assessed again); before a decision the
registration may be withdrawn; a recognition may be revoked. Every move is an action function
(``recognition.actions``) that changes ``state`` with a conditional UPDATE on the expected state
and ``version``, so two people pressing a button at once get one result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xhht.accounts.scoped import ScopedQuerySet
from xhht.core.audited import AuditedModel
from xhht.criteria.models import RECOGNITION_TITLE_CHOICES
from xhht.places.models import Place
from xhht.registry.models import Clan, Household, Person, Unit

if TYPE_CHECKING:
    from xhht.accounts.models import User


def household_name(household: Household) -> str:
    """ "Hộ ông Bùi Hồng Hiền" or "Hộ bà …" from the sex of the head in the registry; "Hộ …"
    when the registry has no head with a sex for the household."""
    head = household.members.filter(relation=Person.Relation.HEAD).only("sex").first()
    address = {"M": "ông", "F": "bà"}.get(head.sex if head is not None else "")
    return f"Hộ {address} {household.head_name}" if address else f"Hộ {household.head_name}"


class State(models.TextChoices):
    REGISTERED = "registered", _("Đã đăng ký")
    SELF_ASSESSED = "self_assessed", _("Đã tự đánh giá")
    RETURNED = "returned", _("Trả lại để bổ sung")
    REVIEWED = "reviewed", _("Đã thẩm định")
    PROPOSED = "proposed", _("Đã đề nghị công nhận")
    RECOGNISED = "recognised", _("Đã công nhận")
    REFUSED = "refused", _("Không công nhận")
    WITHDRAWN = "withdrawn", _("Đã rút đăng ký")
    REVOKED = "revoked", _("Đã thu hồi công nhận")


class Step(models.TextChoices):
    REGISTER = "register", _("Đăng ký")
    SELF_ASSESS = "self_assess", _("Tự đánh giá")
    RETURN = "return", _("Trả lại để bổ sung")
    REVIEW = "review", _("Thẩm định")
    PROPOSE = "propose", _("Đề nghị công nhận")
    RECOGNISE = "recognise", _("Công nhận")
    REFUSE = "refuse", _("Không công nhận")
    WITHDRAW = "withdraw", _("Rút đăng ký")
    REVOKE = "revoke", _("Thu hồi công nhận")


#: The states each step starts from, and where it leads.
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    Step.SELF_ASSESS: (frozenset({State.REGISTERED, State.RETURNED}), State.SELF_ASSESSED),
    Step.RETURN: (frozenset({State.SELF_ASSESSED, State.REVIEWED}), State.RETURNED),
    Step.REVIEW: (frozenset({State.SELF_ASSESSED}), State.REVIEWED),
    Step.PROPOSE: (frozenset({State.REVIEWED}), State.PROPOSED),
    Step.RECOGNISE: (frozenset({State.PROPOSED}), State.RECOGNISED),
    Step.REFUSE: (frozenset({State.REVIEWED, State.PROPOSED}), State.REFUSED),
    Step.WITHDRAW: (
        frozenset(
            {State.REGISTERED, State.SELF_ASSESSED, State.RETURNED, State.REVIEWED, State.PROPOSED}
        ),
        State.WITHDRAWN,
    ),
    Step.REVOKE: (frozenset({State.RECOGNISED}), State.REVOKED),
}
#: States in which the subject (or the hamlet for them) may still edit answers and evidence.
EDITABLE_STATES = frozenset({State.REGISTERED, State.RETURNED})
#: States that hold the subject's one registration of the year.
ACTIVE_STATES = frozenset(State) - {State.WITHDRAWN}


class AssessmentQuerySet(ScopedQuerySet["Assessment"]):
    def for_citizen(self, user: User) -> AssessmentQuerySet:
        """The assessments of a citizen's own person record and household."""
        person = Person.objects.filter(user=user).first()
        if person is None:
            return self.none()
        mine = Q(person=person)
        if person.household_id is not None:
            mine |= Q(household_id=person.household_id)
        return self.filter(mine)


class Assessment(AuditedModel):
    title = models.CharField(
        _("danh hiệu"), max_length=20, choices=RECOGNITION_TITLE_CHOICES, db_index=True
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    #: The subject's place (household.place, clan.commune, the hamlet itself, unit.place,
    #: person.place, the commune itself): scopes access and feeds the indicators.
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("địa bàn")
    )
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=State.choices, default=State.REGISTERED
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    criteria_set = models.ForeignKey(
        "criteria.CriteriaSet",
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("bộ tiêu chí"),
    )

    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, null=True, blank=True, related_name="assessments"
    )
    clan = models.ForeignKey(
        Clan, on_delete=models.PROTECT, null=True, blank=True, related_name="assessments"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="assessments"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="assessments"
    )
    subject_place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="the hamlet (community) or the commune (commune) being assessed",
    )

    #: The subject group of sets that have them (e.g. a CDHT citizen group); empty otherwise.
    group = models.CharField(_("nhóm đối tượng"), max_length=40, blank=True)
    #: {item code: {"points": number|None, "met": bool|None, "note": str}}
    answers = models.JSONField(_("tự đánh giá"), default=dict, blank=True)
    #: {item code: {"points": number|None, "met": bool|None, "comment": str}}
    review = models.JSONField(_("thẩm định"), default=dict, blank=True)
    total = models.DecimalField(
        _("tổng điểm"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    passed = models.BooleanField(_("đạt"), null=True, blank=True)
    grade = models.CharField(_("xếp loại"), max_length=40, blank=True)
    review_comment = models.TextField(_("nhận xét chung"), blank=True)
    return_message = models.TextField(_("nội dung cần bổ sung"), blank=True)
    refusal_reason = models.TextField(_("lý do không công nhận"), blank=True)
    withdrawal_reason = models.TextField(_("lý do rút"), blank=True)
    revocation_reason = models.TextField(_("lý do thu hồi"), blank=True)
    decision = models.ForeignKey(
        "recognition.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
    )

    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    proposed_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("hồ sơ xét công nhận")
        verbose_name_plural = _("hồ sơ xét công nhận")
        ordering = ["-year", "id"]
        indexes = [
            models.Index(fields=["place", "title", "year", "state"], name="assessment_place_title"),
            models.Index(fields=["title", "year", "state"], name="assessment_title_year"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        household__isnull=False,
                        clan=None,
                        unit=None,
                        person=None,
                        subject_place=None,
                    )
                    | Q(
                        household=None,
                        clan__isnull=False,
                        unit=None,
                        person=None,
                        subject_place=None,
                    )
                    | Q(
                        household=None,
                        clan=None,
                        unit__isnull=False,
                        person=None,
                        subject_place=None,
                    )
                    | Q(
                        household=None,
                        clan=None,
                        unit=None,
                        person__isnull=False,
                        subject_place=None,
                    )
                    | Q(
                        household=None,
                        clan=None,
                        unit=None,
                        person=None,
                        subject_place__isnull=False,
                    )
                ),
                name="assessment_has_one_subject",
            ),
            *[
                models.UniqueConstraint(
                    fields=["title", "year", field],
                    condition=~Q(state=State.WITHDRAWN),
                    name=f"assessment_one_per_year_{field}",
                )
                for field in ("household", "clan", "unit", "person", "subject_place")
            ],
        ]

    def __str__(self) -> str:
        return f"{self.get_title_display()} {self.year}: {self.subject_name()}"

    def audit_place(self) -> Place:
        return self.place

    def subject(self) -> models.Model:
        for name in ("household", "clan", "unit", "person", "subject_place"):
            value = getattr(self, name)
            if value is not None:
                return value  # type: ignore[no-any-return]  # getattr gives Any; the subject fields are models
        raise ValueError("an assessment without a subject")

    def subject_name(self) -> str:
        subject = self.subject()
        if isinstance(subject, Household):
            return f"Hộ {subject.head_name}"
        return str(subject)

    def holder_label(self) -> str:
        """Minimal public data for the certificate: no CCCD, a person only by initials."""
        subject = self.subject()
        if isinstance(subject, Person):
            parts = subject.full_name.split()
            initials = " ".join(f"{p[0]}." for p in parts[:-1])
            return f"{initials} {parts[-1]}".strip() if parts else ""
        if isinstance(subject, Household):
            return household_name(subject)
        return str(subject)

    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    def state_badge(self) -> str:
        return {
            State.RECOGNISED: "ok",
            State.REFUSED: "bad",
            State.REVOKED: "bad",
            State.WITHDRAWN: "bad",
            State.RETURNED: "warn",
        }.get(State(self.state), "")

    def snapshot(self) -> dict[str, Any]:
        return {"state": self.state, "version": self.version}
