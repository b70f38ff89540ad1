"""The steps of emulation and commendation: opening a movement, nominating, evidence, sending
to the commune's council, its agreement or return, and the decision. Keyword-only, atomic,
audited; a step changes the row with one conditional UPDATE on the state and version the actor
saw (``core.workflow.move_row``): whoever comes second is told the record changed."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability, require
from xhht.accounts.models import Body
from xhht.audit.actions import record_step
from xhht.commendation.access import award_place, may_decide, may_nominate, may_review
from xhht.commendation.models import Award, Movement, Nomination, NominationEvidence, State, Step
from xhht.commendation.models.nomination import TRANSITIONS
from xhht.core.audited import _plain as plain
from xhht.core.files import UploadRefused, check_upload, store
from xhht.core.workflow import ChangedMeanwhile, StepRefused, move_row, target_of
from xhht.places.models import Level, Place
from xhht.registry.models import Clan, Household, Person, Unit

if TYPE_CHECKING:
    from xhht.accounts.models import User

Subject = Person | Household | Clan | Unit | Body | Place
MAX_FILES_PER_NOMINATION = 20


def open_movement(
    *,
    actor: User,
    name: str,
    place: Place,
    start_date: datetime.date,
    end_date: datetime.date,
    criteria: str,
    basis: str = "",
) -> Movement:
    require(actor, Capability.DECIDE_COMMENDATION, place)
    if place.level not in (Level.COMMUNE, Level.PROVINCE):
        raise StepRefused(_("Phong trào thi đua do xã, phường hoặc tỉnh, thành phố phát động."))
    if end_date < start_date:
        raise StepRefused(_("Ngày kết thúc phải sau ngày bắt đầu."))
    if not criteria.strip():
        raise StepRefused(_("Hãy ghi các tiêu chí thi đua của phong trào."))
    with transaction.atomic():
        movement = Movement.objects.create(
            name=name.strip(),
            place=place,
            start_date=start_date,
            end_date=end_date,
            criteria=criteria.strip(),
            basis=basis.strip(),
            opened_by=actor,
        )
        record_step(
            actor=actor,
            obj=movement,
            step="open_movement",
            place=place,
            after=movement.audit_snapshot(),
        )
    return movement


def subject_fields(subject: Subject) -> dict[str, Any]:
    """The subject's FK, its place (hamlet or commune) and the commune whose council reviews."""
    if isinstance(subject, Person):
        fields: dict[str, Any] = {"person": subject, "place": subject.place}
    elif isinstance(subject, Household):
        fields = {"household": subject, "place": subject.place}
    elif isinstance(subject, Clan):
        fields = {"clan": subject, "place": subject.commune}
    elif isinstance(subject, Unit):
        fields = {"unit": subject, "place": subject.place}
    elif isinstance(subject, Body):
        fields = {"body": subject, "place": subject.place}
    elif isinstance(subject, Place) and subject.level == Level.HAMLET:
        fields = {"subject_place": subject, "place": subject}
    else:
        raise StepRefused(
            _(
                "Chỉ đề nghị khen cá nhân, hộ gia đình, dòng họ, đơn vị, cơ quan hoặc thôn, tổ dân phố."
            )
        )
    place: Place = fields["place"]
    if place.level == Level.COMMUNE:
        fields["commune"] = place
    elif place.level == Level.HAMLET and place.parent is not None:
        fields["commune"] = place.parent
    else:
        raise StepRefused(
            _(
                "Đối tượng này không thuộc một xã, phường nên hội đồng thi đua, khen thưởng cấp xã "
                "không xét được; hãy đề nghị trực tiếp lên cấp tỉnh."
            )
        )
    return fields


def nominate(*, actor: User, movement: Movement, subject: Subject, achievements: str) -> Nomination:
    """A draft nomination of ``subject`` within ``movement``, by someone who may nominate there."""
    fields = subject_fields(subject)
    probe = Nomination(movement=movement, **fields)
    if not may_nominate(actor, probe):
        raise PermissionDenied
    if not fields["place"].path.startswith(movement.place.path):
        raise StepRefused(
            _("%(subject)s không thuộc địa bàn phát động phong trào “%(movement)s”.")
            % {"subject": probe.subject_name(), "movement": movement.name}
        )
    if not achievements.strip():
        raise StepRefused(_("Hãy ghi thành tích của gương điển hình."))
    with transaction.atomic():
        nomination = Nomination.objects.create(
            movement=movement, achievements=achievements.strip(), proposed_by=actor, **fields
        )
        record_step(
            actor=actor,
            obj=nomination,
            step=Step.NOMINATE,
            place=nomination.place,
            after=nomination.audit_snapshot(),
        )
    return nomination


def _stale() -> ChangedMeanwhile:
    return ChangedMeanwhile(
        _(
            "Hồ sơ vừa được người khác thay đổi nên thao tác của bạn chưa được lưu. "
            "Hãy tải lại trang, xem trạng thái mới rồi thực hiện lại nếu vẫn cần."
        )
    )


def _move(
    *,
    actor: User,
    nomination: Nomination,
    step: str,
    expected_version: int | None,
    fields: dict[str, Any] | None = None,
    reason: str = "",
) -> Nomination:
    version = nomination.version if expected_version is None else expected_version
    if version != nomination.version:
        raise _stale()
    if target_of(TRANSITIONS, step, nomination.state) is None:
        raise StepRefused(
            _("Hồ sơ đang ở trạng thái “%(state)s” nên không thể “%(step)s”.")
            % {"state": State(nomination.state).label, "step": Step(step).label}
        )
    changes = dict(fields or {})
    before = nomination.audit_snapshot()
    with transaction.atomic():
        move_row(
            Nomination.objects.all(),
            pk=nomination.pk,
            step=step,
            transitions=TRANSITIONS,
            states=[nomination.state],
            version=version,
            changes={**changes, "updated_at": timezone.now()},
            stale=_stale,
        )
        nomination.refresh_from_db()
        record_step(
            actor=actor,
            obj=nomination,
            step=step,
            place=nomination.place,
            before=before,
            after={**nomination.audit_snapshot(), **{k: plain(v) for k, v in changes.items()}},
            reason=reason,
        )
    return nomination


def update_nomination(
    *, actor: User, nomination: Nomination, achievements: str, expected_version: int | None = None
) -> Nomination:
    """Change the achievements of a draft or returned nomination."""
    if not may_nominate(actor, nomination):
        raise PermissionDenied
    if not nomination.is_editable():
        raise StepRefused(_("Hồ sơ đã gửi hội đồng nên không sửa được."))
    if not achievements.strip():
        raise StepRefused(_("Hãy ghi thành tích của gương điển hình."))
    version = nomination.version if expected_version is None else expected_version
    before = nomination.audit_snapshot()
    with transaction.atomic():
        updated = Nomination.objects.filter(
            pk=nomination.pk, state=nomination.state, version=version
        ).update(achievements=achievements.strip(), version=version + 1, updated_at=timezone.now())
        if updated != 1:
            raise _stale()
        nomination.refresh_from_db()
        record_step(
            actor=actor,
            obj=nomination,
            step="edit",
            place=nomination.place,
            before=before,
            after=nomination.audit_snapshot(),
        )
    return nomination


def add_evidence(
    *, actor: User, nomination: Nomination, upload: UploadedFile
) -> NominationEvidence:
    """Check the file by content (``core.files``: JPEG, PNG, PDF), write it, then count and save
    under a lock on the nomination; a refused or failed upload leaves no file."""
    if not may_nominate(actor, nomination):
        raise PermissionDenied
    if not nomination.is_editable():
        raise StepRefused(_("Hồ sơ đã gửi hội đồng nên không thêm được minh chứng."))
    if nomination.evidence.count() >= MAX_FILES_PER_NOMINATION:
        raise _too_many()
    try:
        checked = check_upload(upload, upload.size or 0)
    except UploadRefused as exc:
        raise StepRefused(exc.message) from exc
    evidence = NominationEvidence(
        nomination=nomination,
        uploaded_by=actor,
        original_name=(upload.name or "")[:200],
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
    )
    try:
        store(evidence.file, upload, "evidence")
    except UploadRefused as exc:
        raise StepRefused(exc.message) from exc
    try:
        with transaction.atomic():
            locked = Nomination.objects.select_for_update().get(pk=nomination.pk)
            if not locked.is_editable():
                raise StepRefused(_("Hồ sơ đã gửi hội đồng nên không thêm được minh chứng."))
            if locked.evidence.count() >= MAX_FILES_PER_NOMINATION:
                raise _too_many()
            evidence.save()
            record_step(
                actor=actor,
                obj=nomination,
                step="add_evidence",
                place=nomination.place,
                after={"file": evidence.original_name, "sha256": checked.sha256},
            )
    except Exception:
        evidence.file.delete(save=False)
        raise
    return evidence


def _too_many() -> StepRefused:
    return StepRefused(_("Mỗi hồ sơ có tối đa %(n)s minh chứng.") % {"n": MAX_FILES_PER_NOMINATION})


def remove_evidence(*, actor: User, evidence: NominationEvidence) -> None:
    nomination = evidence.nomination
    if not may_nominate(actor, nomination):
        raise PermissionDenied
    if not nomination.is_editable():
        raise StepRefused(_("Hồ sơ đã gửi hội đồng nên không xóa được minh chứng."))
    with transaction.atomic():
        record_step(
            actor=actor,
            obj=nomination,
            step="remove_evidence",
            place=nomination.place,
            before={"file": evidence.original_name, "sha256": evidence.sha256},
        )
        name = evidence.file.name
        storage = evidence.file.storage
        evidence.delete()
        transaction.on_commit(lambda: storage.delete(name))


def submit(
    *, actor: User, nomination: Nomination, expected_version: int | None = None
) -> Nomination:
    """Send the nomination to the commune's council."""
    if not may_nominate(actor, nomination):
        raise PermissionDenied
    return _move(
        actor=actor,
        nomination=nomination,
        step=Step.SUBMIT,
        expected_version=expected_version,
        fields={"submitted_at": timezone.now(), "return_reason": ""},
    )


def agree(
    *,
    actor: User,
    nomination: Nomination,
    note: str = "",
    votes_for: int | None = None,
    votes_against: int | None = None,
    expected_version: int | None = None,
) -> Nomination:
    """The council agrees to propose: its votes, or a note of its meeting (one at least)."""
    if not may_review(actor, nomination):
        raise PermissionDenied
    if not note.strip() and votes_for is None:
        raise StepRefused(_("Hãy ghi kết quả biểu quyết hoặc ý kiến của hội đồng."))
    if votes_for is not None and votes_against is not None and votes_against >= votes_for:
        raise StepRefused(
            _("Số phiếu đồng ý phải nhiều hơn số phiếu không đồng ý; nếu không, hãy trả lại hồ sơ.")
        )
    return _move(
        actor=actor,
        nomination=nomination,
        step=Step.AGREE,
        expected_version=expected_version,
        fields={
            "council_note": note.strip(),
            "votes_for": votes_for,
            "votes_against": votes_against,
            "reviewed_by": actor,
            "reviewed_at": timezone.now(),
        },
    )


def return_nomination(
    *, actor: User, nomination: Nomination, reason: str, expected_version: int | None = None
) -> Nomination:
    """Back to the nominator with the reasons (the council, or the decider before deciding)."""
    if not (may_review(actor, nomination) or may_decide(actor, nomination)):
        raise PermissionDenied
    if not reason.strip():
        raise StepRefused(_("Hãy ghi lý do trả lại để nơi đề nghị biết cần bổ sung gì."))
    return _move(
        actor=actor,
        nomination=nomination,
        step=Step.RETURN,
        expected_version=expected_version,
        fields={"return_reason": reason.strip()},
        reason=reason.strip(),
    )


def decide(
    *,
    actor: User,
    nomination: Nomination,
    award: str,
    issuer: str,
    decision_number: str,
    decision_date: datetime.date,
    signer_title: str,
    signer_name: str,
    expected_version: int | None = None,
) -> Nomination:
    """The decision: a Giấy khen of the commune chairman or a Bằng khen of the province's."""
    if award not in Award.values:
        raise StepRefused(_("Hãy chọn hình thức khen thưởng."))
    if not may_decide(actor, nomination, award):
        raise PermissionDenied
    if not decision_number.strip() or not issuer.strip() or not signer_name.strip():
        raise StepRefused(_("Hãy ghi số quyết định, cơ quan ban hành và họ tên người ký."))
    if decision_date > timezone.localdate():
        raise StepRefused(_("Ngày quyết định không thể ở tương lai."))
    return _move(
        actor=actor,
        nomination=nomination,
        step=Step.DECIDE,
        expected_version=expected_version,
        fields={
            "award": award,
            "issuer": issuer.strip(),
            "decision_number": decision_number.strip(),
            "decision_date": decision_date,
            "signer_title": signer_title.strip(),
            "signer_name": signer_name.strip(),
            "decided_by": actor,
        },
    )


def default_issuer(nomination: Nomination, award: str) -> str:
    """“Ủy ban nhân dân <place>”: the commune for a Giấy khen, the province for a Bằng khen."""
    return _("Ủy ban nhân dân %(place)s") % {"place": award_place(nomination, award).name}


__all__ = [
    "add_evidence",
    "agree",
    "decide",
    "default_issuer",
    "nominate",
    "open_movement",
    "remove_evidence",
    "return_nomination",
    "subject_fields",
    "submit",
    "update_nomination",
]
