"""Adding and removing evidence: checked by content, stored through Django's storage, counted
under a lock on the assessment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from xhht.audit.actions import record_step
from xhht.core.files import UploadRefused, check_upload, store
from xhht.core.workflow import StepRefused
from xhht.recognition.access import require_step
from xhht.recognition.criteria_link import items_of
from xhht.recognition.models import Assessment, Evidence, Step

if TYPE_CHECKING:
    from xhht.accounts.models import User

MAX_FILES_PER_ASSESSMENT = 60


def add_evidence(
    *, actor: User, assessment: Assessment, item_code: str, upload: UploadedFile
) -> Evidence:
    """Check the file by content, write it, then count and save under a lock on the assessment:
    two uploads at once never pass the limit, and a refused or failed upload leaves no file."""
    require_step(actor, assessment, Step.SELF_ASSESS)
    if not assessment.is_editable():
        raise StepRefused(_("Hồ sơ đã gửi đi nên không thêm được minh chứng."))
    if item_code not in {i.code for i in items_of(assessment.criteria_set, assessment.group)}:
        raise StepRefused(_("Hãy chọn chỉ báo mà minh chứng này chứng minh."))
    if assessment.evidence.count() >= MAX_FILES_PER_ASSESSMENT:  # early, before writing a file
        raise _too_many()
    try:
        checked = check_upload(upload, upload.size or 0)
    except UploadRefused as exc:
        raise StepRefused(exc.message) from exc
    evidence = Evidence(
        assessment=assessment,
        item_code=item_code,
        uploaded_by=actor,
        original_name=(upload.name or "")[:200],
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
    )
    try:
        store(evidence.file, upload, "evidence")  # no lock held while the file is written
    except UploadRefused as exc:
        raise StepRefused(exc.message) from exc
    try:
        with transaction.atomic():
            locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
            if not locked.is_editable():
                raise StepRefused(_("Hồ sơ đã gửi đi nên không thêm được minh chứng."))
            if locked.evidence.count() >= MAX_FILES_PER_ASSESSMENT:
                raise _too_many()
            evidence.save()
            record_step(
                actor=actor,
                obj=assessment,
                step="add_evidence",
                place=assessment.place,
                after={"item": item_code, "file": evidence.original_name, "sha256": checked.sha256},
            )
    except Exception:
        evidence.file.delete(save=False)  # nothing half-saved: no orphan file
        raise
    return evidence


def _too_many() -> StepRefused:
    return StepRefused(_("Mỗi hồ sơ có tối đa %(n)s minh chứng.") % {"n": MAX_FILES_PER_ASSESSMENT})


def remove_evidence(*, actor: User, evidence: Evidence) -> None:
    assessment = evidence.assessment
    require_step(actor, assessment, Step.SELF_ASSESS)
    if not assessment.is_editable():
        raise StepRefused(_("Hồ sơ đã gửi đi nên không xóa được minh chứng."))
    with transaction.atomic():
        record_step(
            actor=actor,
            obj=assessment,
            step="remove_evidence",
            place=assessment.place,
            before={"item": evidence.item_code, "file": evidence.original_name},
        )
        name = evidence.file.name
        evidence.delete()
        transaction.on_commit(lambda: evidence.file.storage.delete(name))
