"""From registration to the proposal list: the steps before a decision."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xhht.audit.actions import record_step
from xhht.core.workflow import StepRefused
from xhht.criteria.models import CriteriaSet, Title
from xhht.places.models import Level, Place
from xhht.recognition.access import require_step
from xhht.recognition.actions.base import move, touch
from xhht.recognition.criteria_link import (
    evaluate,
    groups_of,
    is_usable,
    items_of,
    mark_used,
    usable_set,
)
from xhht.recognition.marks import clean_marks
from xhht.recognition.models import Assessment, State, Step
from xhht.registry.models import Clan, Household, Person, Unit

if TYPE_CHECKING:
    from xhht.accounts.models import User

Subject = Household | Clan | Unit | Person | Place


def subject_fields(title: str, subject: Subject) -> dict[str, Any]:
    """The subject's FK and place for ``title``, or a StepRefused when they do not fit."""
    if title == Title.FAMILY and isinstance(subject, Household):
        return {"household": subject, "place": subject.place}
    if title == Title.CLAN and isinstance(subject, Clan):
        return {"clan": subject, "place": subject.commune}
    if title == Title.UNIT and isinstance(subject, Unit):
        return {"unit": subject, "place": subject.place}
    if title == Title.CITIZEN and isinstance(subject, Person):
        return {"person": subject, "place": subject.place}
    if title == Title.COMMUNITY and isinstance(subject, Place) and subject.level == Level.HAMLET:
        return {"subject_place": subject, "place": subject}
    if title == Title.COMMUNE and isinstance(subject, Place) and subject.level == Level.COMMUNE:
        return {"subject_place": subject, "place": subject}
    raise StepRefused(
        _("Danh hiệu “%(title)s” không xét cho đối tượng này.") % {"title": Title(title).label}
    )


def register(
    *,
    actor: User,
    title: str,
    subject: Subject,
    year: int,
    criteria_set: CriteriaSet | None = None,
) -> Assessment:
    """Registration at the start of the year, against the criteria set usable for the place.

    Without ``criteria_set`` the best usable one is taken (a province variant before the
    national set); a given one must be usable there too.
    """
    fields = subject_fields(title, subject)
    place: Place = fields["place"]
    probe = Assessment(title=title, year=year, **fields)
    require_step(actor, probe, Step.REGISTER)
    if criteria_set is not None and not is_usable(criteria_set, title, place, year):
        criteria_set = None
    criteria_set = criteria_set or usable_set(title, place, datetime.date(year, 1, 1))
    if criteria_set is None:
        criteria_set = usable_set(title, place, timezone.localdate())
    if criteria_set is None:
        raise StepRefused(
            _("Chưa có bộ tiêu chí “%(title)s” áp dụng cho địa bàn này; hãy liên hệ cấp tỉnh.")
            % {"title": Title(title).label}
        )
    try:
        with transaction.atomic():
            mark_used(criteria_set, actor=actor)
            assessment = Assessment.objects.create(
                title=title, year=year, criteria_set=criteria_set, registered_by=actor, **fields
            )
            record_step(
                actor=actor,
                obj=assessment,
                step=Step.REGISTER,
                place=place,
                after=assessment.snapshot(),
            )
    except IntegrityError as exc:
        raise StepRefused(
            _("%(subject)s đã đăng ký danh hiệu “%(title)s” năm %(year)s.")
            % {"subject": probe.subject_name(), "title": Title(title).label, "year": year}
        ) from exc
    return assessment


def save_answers(
    *,
    actor: User,
    assessment: Assessment,
    answers: Mapping[str, Mapping[str, Any]],
    group: str = "",
    expected_version: int | None = None,
) -> Assessment:
    """Keep a draft of the self-assessment (registered or returned only)."""
    require_step(actor, assessment, Step.SELF_ASSESS)
    if not assessment.is_editable():
        raise StepRefused(_("Hồ sơ đã gửi đi nên không sửa được tự đánh giá."))
    group = _check_group(assessment, group, required=False)
    clean = clean_marks(items_of(assessment.criteria_set, group), answers, require_all=False)
    with transaction.atomic():
        touch(
            assessment=assessment,
            expected_version=expected_version,
            fields={"answers": clean, "group": group},
        )
    return assessment


def submit_self_assessment(
    *,
    actor: User,
    assessment: Assessment,
    answers: Mapping[str, Mapping[str, Any]],
    group: str = "",
    expected_version: int | None = None,
) -> Assessment:
    """Send the self-assessment for review: every item must be answered."""
    require_step(actor, assessment, Step.SELF_ASSESS)
    group = _check_group(assessment, group, required=True)
    items = items_of(assessment.criteria_set, group)
    clean = clean_marks(items, answers, require_all=True)
    with transaction.atomic():
        return move(
            actor=actor,
            assessment=assessment,
            step=Step.SELF_ASSESS,
            expected_version=expected_version,
            fields={"answers": clean, "group": group, "submitted_at": timezone.now()},
        )


def return_for_correction(
    *, actor: User, assessment: Assessment, message: str, expected_version: int | None = None
) -> Assessment:
    message = message.strip()
    if not message:
        raise StepRefused(_("Hãy ghi rõ nội dung cần bổ sung, sửa chữa."))
    with transaction.atomic():
        return move(
            actor=actor,
            assessment=assessment,
            step=Step.RETURN,
            expected_version=expected_version,
            reason=message,
            fields={"return_message": message},
        )


def review(
    *,
    actor: User,
    assessment: Assessment,
    marks: Mapping[str, Mapping[str, Any]],
    comment: str = "",
    expected_version: int | None = None,
) -> Assessment:
    """Score and comment per item; the total, pass and grade come from the criteria set's rules."""
    items = items_of(assessment.criteria_set, assessment.group)
    clean = clean_marks(items, marks, require_all=True, note_key="comment")
    outcome = evaluate(assessment.criteria_set, clean, assessment.group)
    with transaction.atomic():
        return move(
            actor=actor,
            assessment=assessment,
            step=Step.REVIEW,
            expected_version=expected_version,
            reason=comment.strip(),
            fields={
                "review": clean,
                "total": outcome.total,
                "passed": outcome.passed,
                "grade": outcome.grade,
                "review_comment": comment.strip(),
                "reviewed_by": actor,
                "reviewed_at": timezone.now(),
            },
        )


def propose(
    *, actor: User, assessment: Assessment, expected_version: int | None = None
) -> Assessment:
    """Put a reviewed assessment that passed on the council's proposal list."""
    if assessment.state == State.REVIEWED and not assessment.passed:
        raise StepRefused(
            _("%(subject)s chưa đạt theo kết quả thẩm định nên không thể đề nghị công nhận.")
            % {"subject": assessment.subject_name()}
        )
    with transaction.atomic():
        return move(
            actor=actor,
            assessment=assessment,
            step=Step.PROPOSE,
            expected_version=expected_version,
            fields={"proposed_at": timezone.now()},
        )


def refuse(
    *, actor: User, assessment: Assessment, reason: str, expected_version: int | None = None
) -> Assessment:
    reason = reason.strip()
    if not reason:
        raise StepRefused(_("Hãy ghi lý do không công nhận."))
    with transaction.atomic():
        return move(
            actor=actor,
            assessment=assessment,
            step=Step.REFUSE,
            expected_version=expected_version,
            reason=reason,
            fields={"refusal_reason": reason, "decided_at": timezone.now()},
        )


def withdraw(
    *, actor: User, assessment: Assessment, reason: str, expected_version: int | None = None
) -> Assessment:
    reason = reason.strip()
    if not reason:
        raise StepRefused(_("Hãy ghi lý do rút đăng ký."))
    with transaction.atomic():
        return move(
            actor=actor,
            assessment=assessment,
            step=Step.WITHDRAW,
            expected_version=expected_version,
            reason=reason,
            fields={"withdrawal_reason": reason},
        )


def _check_group(assessment: Assessment, group: str, *, required: bool) -> str:
    """The subject group, checked against the set's groups (sets without groups take none)."""
    groups = dict(groups_of(assessment.criteria_set))
    group = group or assessment.group
    if not groups:
        return ""
    if group and group not in groups:
        raise StepRefused(_("Nhóm đối tượng đã chọn không có trong bộ tiêu chí."))
    if required and not group:
        raise StepRefused(_("Hãy chọn nhóm đối tượng trước khi gửi tự đánh giá."))
    return group
