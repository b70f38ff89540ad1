"""A commune's PCGD–XMC file (``Dossier``) through the province: submitted → checked →
recognised, or returned with reasons (Nghị định 20/2014/NĐ-CP Điều 30: the commune checks
itself and files; the level above checks and recognises — since 1/7/2025 the province).

Every step is one keyword-only, atomic function: who may take it, from which state, one
conditional ``UPDATE … WHERE state IN (…) AND version = …`` (``core.workflow.move_row``; the
loser of a race is told), one trail entry (``audit.actions.record_step``). The commune's
officer submits (``MANAGE_PCGD`` at the commune); the province checks, returns and recognises
(``RECOGNISE_PCGD`` held at the commune's parent: a commune never recognises itself). Submitting is
refused unless the engine says every standard asked for is reached; the figures and results of
that moment are frozen in ``snapshot`` — what the province checks and the documents print.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xhht.accounts.access import Capability, can, path_under, scope_paths
from xhht.audit.actions import record_step
from xhht.core.workflow import ChangedMeanwhile, StepRefused, move_row, target_of
from xhht.pcgd import reports
from xhht.pcgd.models import Dossier, StandardCode
from xhht.places.models import Level, Place

if TYPE_CHECKING:
    from xhht.accounts.models import User

State = Dossier.State

SUBMIT, CHECK, RETURN, RECOGNISE = "submit", "check", "return", "recognise"
#: ``{step: (states it starts from, state it leads to)}``.
TRANSITIONS = {
    SUBMIT: (frozenset({State.DRAFT, State.RETURNED}), State.SUBMITTED),
    CHECK: (frozenset({State.SUBMITTED}), State.CHECKED),
    RETURN: (frozenset({State.SUBMITTED, State.CHECKED}), State.RETURNED),
    RECOGNISE: (frozenset({State.CHECKED}), State.RECOGNISED),
}
#: The trail's step codes (named in ``audit.wording``).
STEP_CODES = {
    SUBMIT: "submit_pcgd_dossier",
    CHECK: "check_pcgd_dossier",
    RETURN: "return_pcgd_dossier",
    RECOGNISE: "recognise_pcgd_dossier",
}
STEP_LABELS = {
    SUBMIT: gettext_lazy("gửi hồ sơ đề nghị"),
    CHECK: gettext_lazy("kiểm tra hồ sơ"),
    RETURN: gettext_lazy("trả lại hồ sơ"),
    RECOGNISE: gettext_lazy("công nhận"),
}


def stale() -> ChangedMeanwhile:
    return ChangedMeanwhile(
        _(
            "Hồ sơ vừa được người khác thay đổi nên thao tác của bạn chưa được lưu. "
            "Hãy tải lại trang, xem trạng thái mới rồi thực hiện lại nếu vẫn cần."
        )
    )


def may_submit(user: User, commune: Place) -> bool:
    """The commune's own officers (and the levels above) file for it."""
    return commune.level == Level.COMMUNE and can(user, Capability.MANAGE_PCGD, commune)


def may_decide(user: User, commune: Place) -> bool:
    """The level above the commune checks and recognises: ``RECOGNISE_PCGD`` held at its
    parent."""
    return bool(commune.parent_path) and path_under(
        commune.parent_path, scope_paths(user, Capability.RECOGNISE_PCGD)
    )


def steps_allowed(user: User, dossier: Dossier | None, commune: Place) -> dict[str, bool]:
    """The buttons a page shows: the step is legal from the state and the user may take it."""
    state = dossier.state if dossier is not None else State.DRAFT
    submit = may_submit(user, commune)
    decide = may_decide(user, commune)
    allowed = {SUBMIT: submit, CHECK: decide, RETURN: decide, RECOGNISE: decide}
    return {
        step: who and target_of(TRANSITIONS, step, state) is not None
        for step, who in allowed.items()
    }


def _check_state(dossier: Dossier, step: str) -> None:
    if target_of(TRANSITIONS, step, dossier.state) is None:
        raise StepRefused(
            _("Hồ sơ đang ở trạng thái “%(state)s” nên không thể %(step)s.")
            % {"state": State(dossier.state).label, "step": STEP_LABELS[step]}
        )


def _move(
    *,
    actor: User,
    dossier: Dossier,
    step: str,
    expected_version: int,
    changes: dict[str, Any],
    reason: str = "",
) -> Dossier:
    if expected_version != dossier.version:
        raise stale()
    _check_state(dossier, step)
    before = {"state": dossier.state, "version": dossier.version}
    move_row(
        Dossier.objects.all(),
        pk=dossier.pk,
        step=step,
        transitions=TRANSITIONS,
        states=[dossier.state],
        version=expected_version,
        changes=changes,
        stale=stale,
    )
    dossier.refresh_from_db()
    after = {"state": dossier.state, "version": dossier.version, **_plain(changes)}
    record_step(
        actor=actor,
        obj=dossier,
        step=STEP_CODES[step],
        place=dossier.commune,
        before=before,
        after=after,
        reason=reason,
    )
    return dossier


def _plain(changes: dict[str, Any]) -> dict[str, Any]:
    shown: dict[str, Any] = {}
    for key, value in changes.items():
        if key in {"snapshot"} or key.endswith("_by"):
            continue
        if isinstance(value, datetime.datetime | datetime.date):
            value = value.isoformat()
        shown[key] = value
    return shown


def _clean_codes(codes: Sequence[str]) -> list[str]:
    known = set(StandardCode.values)
    chosen = [code for code in StandardCode.values if code in set(codes)]
    unknown = [code for code in codes if code not in known]
    if unknown or not chosen:
        raise StepRefused(_("Hãy chọn ít nhất một chuẩn phổ cập, xóa mù chữ để đề nghị công nhận."))
    return chosen


def submit_dossier(
    *,
    actor: User,
    commune: Place,
    school_year: int,
    codes: Sequence[str],
    expected_version: int | None = None,
) -> Dossier:
    """The commune files for the standards ``codes`` in ``school_year``: refused unless every one
    is reached by the engine's figures now; those figures are frozen in the file."""
    if not may_submit(actor, commune):
        raise StepRefused(_("Chỉ cán bộ của xã được gửi hồ sơ đề nghị công nhận của xã."))
    chosen = _clean_codes(codes)
    result = reports.commune_figures(commune, school_year)
    problems = [
        _("%(standard)s: chưa đạt. %(why)s")
        % {"standard": standard.label, "why": " ".join(standard.shortfalls)}
        for standard in result.standards
        if standard.code in chosen and not standard.reached
    ]
    if problems:
        raise StepRefused(
            _("Xã chưa đạt chuẩn đề nghị công nhận nên chưa gửi được hồ sơ."), problems
        )
    snapshot = reports.freeze(result, chosen)
    with transaction.atomic():
        dossier = _dossier_for(commune, school_year)
        version = dossier.version if expected_version is None else expected_version
        return _move(
            actor=actor,
            dossier=dossier,
            step=SUBMIT,
            expected_version=version,
            changes={
                "codes": chosen,
                "snapshot": snapshot,
                "message": "",
                "submitted_by": actor,
                "submitted_at": timezone.now(),
            },
        )


def _dossier_for(commune: Place, school_year: int) -> Dossier:
    existing = Dossier.objects.filter(commune=commune, school_year=school_year).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Dossier.objects.create(commune=commune, school_year=school_year)
    except IntegrityError as exc:  # another officer created it at the same moment
        raise stale() from exc


def _require_decider(actor: User, dossier: Dossier) -> None:
    if not may_decide(actor, dossier.commune):
        raise StepRefused(_("Chỉ cấp tỉnh được kiểm tra, trả lại và công nhận hồ sơ của xã."))


def check_dossier(
    *, actor: User, dossier: Dossier, expected_version: int, note: str = ""
) -> Dossier:
    """The province has checked the file against its figures: ready for the decision."""
    _require_decider(actor, dossier)
    with transaction.atomic():
        return _move(
            actor=actor,
            dossier=dossier,
            step=CHECK,
            expected_version=expected_version,
            changes={
                "message": note.strip(),
                "checked_by": actor,
                "checked_at": timezone.now(),
            },
            reason=note.strip(),
        )


def return_dossier(*, actor: User, dossier: Dossier, expected_version: int, reason: str) -> Dossier:
    """Back to the commune with the reasons; the commune corrects and submits again."""
    _require_decider(actor, dossier)
    reason = reason.strip()
    if not reason:
        raise StepRefused(_("Hãy ghi lý do trả lại hồ sơ để xã biết cần bổ sung gì."))
    with transaction.atomic():
        return _move(
            actor=actor,
            dossier=dossier,
            step=RETURN,
            expected_version=expected_version,
            changes={"message": reason},
            reason=reason,
        )


def recognise_dossier(
    *,
    actor: User,
    dossier: Dossier,
    expected_version: int,
    decision_number: str,
    decision_date: datetime.date,
) -> Dossier:
    """The province's decision: the commune is recognised for the file's standards."""
    _require_decider(actor, dossier)
    number = " ".join(decision_number.split())
    if not number:
        raise StepRefused(_("Hãy ghi số quyết định công nhận."))
    if decision_date > timezone.localdate():
        raise StepRefused(_("Ngày quyết định không được sau ngày hôm nay."))
    with transaction.atomic():
        return _move(
            actor=actor,
            dossier=dossier,
            step=RECOGNISE,
            expected_version=expected_version,
            changes={
                "decision_number": number,
                "decision_date": decision_date,
                "recognised_by": actor,
                "recognised_at": timezone.now(),
            },
        )
