"""Evidence: upload (checked by content) and download through an access check, never a public URL."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from xhht.core import files
from xhht.core.http import user_of
from xhht.core.workflow import StepRefused, refusal_shown
from xhht.recognition import actions
from xhht.recognition.access import get_assessment_for_user, get_evidence_for_user, require_step
from xhht.recognition.models import Step
from xhht.recognition.views.assessments import add_posted_evidence, back, save_posted_draft


@login_required
@require_POST
@refusal_shown(back)
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Tải lên" inside the self-assessment form: the marks typed so far are kept as a draft
    first, so choosing a photo never loses them."""
    user = user_of(request)
    assessment = get_assessment_for_user(user, pk)
    require_step(user, assessment, Step.SELF_ASSESS)
    saved = save_posted_draft(request, user, assessment)
    if not add_posted_evidence(request, user, assessment):
        if not saved:
            raise StepRefused(_("Hãy chọn ảnh chụp hoặc tệp PDF để tải lên."))
        messages.warning(
            request, _("Đã lưu bản nháp tự đánh giá; chưa chọn ảnh chụp hoặc tệp PDF nào.")
        )
    return back(request, pk)


@require_safe
@login_required
def download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = get_evidence_for_user(user_of(request), pk)
    return files.download(
        evidence.file, content_type=evidence.content_type, filename=evidence.original_name
    )


def _back_from_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    """After a refused removal (the file is still there): back to its assessment."""
    return back(request, get_evidence_for_user(user_of(request), pk).assessment_id)


@login_required
@require_POST
@refusal_shown(_back_from_evidence)
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    evidence = get_evidence_for_user(user, pk)
    assessment_pk = evidence.assessment_id
    require_step(user, evidence.assessment, Step.SELF_ASSESS)
    actions.remove_evidence(actor=user, evidence=evidence)
    messages.success(request, _("Đã xóa minh chứng."))
    return back(request, assessment_pk)
