"""The one way an assessment changes state: a conditional UPDATE on the state and version it had."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from xhht.audit.actions import record_step
from xhht.core.audited import _plain as plain
from xhht.core.workflow import ChangedMeanwhile, StepRefused, move_row, target_of
from xhht.recognition.access import require_step
from xhht.recognition.models import Assessment, State, Step
from xhht.recognition.models.assessment import TRANSITIONS

if TYPE_CHECKING:
    from xhht.accounts.models import User


def stale() -> ChangedMeanwhile:
    """Someone else changed the assessment first: nothing was saved."""
    return ChangedMeanwhile(
        _(
            "Hồ sơ vừa được người khác thay đổi nên thao tác của bạn chưa được lưu. "
            "Hãy tải lại trang, xem trạng thái mới rồi thực hiện lại nếu vẫn cần."
        )
    )


def check_can_move(assessment: Assessment, step: str) -> str:
    """The target state of ``step``, or StepRefused saying why it cannot be taken from here."""
    target = target_of(TRANSITIONS, step, assessment.state)
    if target is None:
        raise StepRefused(
            _("Hồ sơ đang ở trạng thái “%(state)s” nên không thể “%(step)s”.")
            % {"state": State(assessment.state).label, "step": _step_label(step)}
        )
    return target


def _step_label(step: str) -> str:
    return str(Step(step).label)


def move(
    *,
    actor: User,
    assessment: Assessment,
    step: str,
    expected_version: int | None = None,
    reason: str = "",
    fields: dict[str, Any] | None = None,
    check_permission: bool = True,
) -> Assessment:
    """Take ``step``: permission, legal source state, one conditional UPDATE, one audit entry.

    The UPDATE only matches the row in the state and version the caller saw; when another person
    got there first it matches nothing and the caller is told (``ChangedMeanwhile``). Call inside
    ``transaction.atomic()``.
    """
    if check_permission:
        require_step(actor, assessment, step)
    version = assessment.version if expected_version is None else expected_version
    if version != assessment.version:
        raise stale()
    check_can_move(assessment, step)
    changes = dict(fields or {})
    move_row(
        Assessment.objects.all(),
        pk=assessment.pk,
        step=step,
        transitions=TRANSITIONS,
        states=[assessment.state],
        version=version,
        changes={**changes, "updated_at": timezone.now()},
        stale=stale,
    )
    before = assessment.snapshot()
    assessment.refresh_from_db()
    record_step(
        actor=actor,
        obj=assessment,
        step=step,
        place=assessment.place,
        before=before,
        after={**assessment.snapshot(), **_plain(changes)},
        reason=reason,
    )
    return assessment


def touch(*, assessment: Assessment, expected_version: int | None, fields: dict[str, Any]) -> None:
    """Save data without a state change, still guarded by the version the editor saw."""
    version = assessment.version if expected_version is None else expected_version
    updated = Assessment.objects.filter(
        pk=assessment.pk, state=assessment.state, version=version
    ).update(version=F("version") + 1, updated_at=timezone.now(), **fields)
    if updated != 1:
        raise stale()
    assessment.refresh_from_db()


def _plain(changes: dict[str, Any]) -> dict[str, Any]:
    return {k: plain(v) for k, v in changes.items() if k not in {"answers", "review"}}
