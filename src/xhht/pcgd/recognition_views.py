"""The recognition file's pages: the commune submits (from its PCGD page), the file's page (its
frozen figures, the state, the province's buttons), the province's steps, and the documents
(self-check record, request, decision) as DOCX. Steps are ``pcgd.recognition``'s; a refused
step is shown and goes back (``core.workflow.refusal_shown``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from xhht.accounts.access import Capability
from xhht.accounts.models import User
from xhht.core.downloads import attach, file_name
from xhht.core.http import user_of
from xhht.core.workflow import StepRefused, form_problems, refusal_shown
from xhht.pcgd import docx_files, recognition, reports
from xhht.pcgd.access import get_commune_for_user, get_dossier_for_user
from xhht.pcgd.models import Dossier, StandardCode, school_year_label
from xhht.pcgd.recognition_forms import CheckForm, RecogniseForm, ReturnForm, SubmitForm
from xhht.pcgd.views import school_year_param

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCUMENTS = {"tu-kiem-tra", "to-trinh", "quyet-dinh"}


def _back_to_commune(request: HttpRequest, pk: int) -> HttpResponse:
    year = school_year_param(request)
    return redirect(f"{reverse('pcgd:commune', args=[pk])}?year={year}")


def _back_to_dossier(request: HttpRequest, pk: int) -> HttpResponse:
    return redirect("pcgd:dossier", pk=pk)


@require_POST
@login_required
@refusal_shown(_back_to_commune)
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    commune = get_commune_for_user(user, pk, Capability.MANAGE_PCGD)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        raise StepRefused(_("Chưa gửi được hồ sơ."), form_problems(form))
    dossier = recognition.submit_dossier(
        actor=user,
        commune=commune,
        school_year=school_year_param(request),
        codes=form.cleaned_data["codes"],
        expected_version=form.cleaned_data["version"],
    )
    messages.success(request, _("Đã gửi hồ sơ đề nghị công nhận lên tỉnh."))
    return redirect("pcgd:dossier", pk=dossier.pk)


@require_safe
@login_required
def dossier(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    record = get_dossier_for_user(user, pk)
    allowed = recognition.steps_allowed(user, record, record.commune)
    initial = {"version": record.version}
    context = {
        "dossier": record,
        "commune": record.commune,
        "year_label": school_year_label(record.school_year),
        "standards": [s for s in reports.thaw(record.snapshot) if s.code in record.codes],
        "frozen_at": reports.frozen_at(record.snapshot),
        "codes": [StandardCode(code).label for code in record.codes],
        "allowed": allowed,
        "check_form": CheckForm(initial=initial),
        "return_form": ReturnForm(initial=initial),
        "recognise_form": RecogniseForm(initial=initial),
    }
    return render(request, "pcgd/dossier.html", context)


def _province_step(
    request: HttpRequest, pk: int, form_class: type[Form], refused: str
) -> tuple[User, Dossier, dict[str, Any]]:
    """The province's step on a file: the file it may act on and the form's checked data."""
    user = user_of(request)
    record = get_dossier_for_user(user, pk, Capability.RECOGNISE_PCGD)
    form = form_class(request.POST)
    if not form.is_valid():
        raise StepRefused(refused, form_problems(form))
    return user, record, form.cleaned_data


@require_POST
@login_required
@refusal_shown(_back_to_dossier)
def check(request: HttpRequest, pk: int) -> HttpResponse:
    user, record, data = _province_step(
        request, pk, CheckForm, _("Chưa ghi được kết quả kiểm tra.")
    )
    recognition.check_dossier(
        actor=user, dossier=record, expected_version=data["version"], note=data["note"]
    )
    messages.success(request, _("Đã ghi nhận hồ sơ đã kiểm tra."))
    return redirect("pcgd:dossier", pk=record.pk)


@require_POST
@login_required
@refusal_shown(_back_to_dossier)
def return_(request: HttpRequest, pk: int) -> HttpResponse:
    user, record, data = _province_step(request, pk, ReturnForm, _("Chưa trả lại được hồ sơ."))
    recognition.return_dossier(
        actor=user, dossier=record, expected_version=data["version"], reason=data["reason"]
    )
    messages.success(request, _("Đã trả lại hồ sơ cho xã."))
    return redirect("pcgd:dossier", pk=record.pk)


@require_POST
@login_required
@refusal_shown(_back_to_dossier)
def recognise(request: HttpRequest, pk: int) -> HttpResponse:
    user, record, data = _province_step(request, pk, RecogniseForm, _("Chưa công nhận được."))
    recognition.recognise_dossier(
        actor=user,
        dossier=record,
        expected_version=data["version"],
        decision_number=data["decision_number"],
        decision_date=data["decision_date"],
    )
    messages.success(request, _("Đã công nhận xã đạt chuẩn."))
    return redirect("pcgd:dossier", pk=record.pk)


@require_safe
@login_required
def document(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The file's documents; the decision only once recognised."""
    user = user_of(request)
    record = get_dossier_for_user(user, pk)
    if kind not in DOCUMENTS or record.state == Dossier.State.DRAFT:
        raise Http404
    commune, province = record.commune, record.commune.parent
    if province is None:
        raise Http404
    standards = reports.thaw(record.snapshot)
    today = timezone.localdate()
    if kind == "tu-kiem-tra":
        content = docx_files.self_check_docx(
            commune=commune,
            school_year=record.school_year,
            codes=record.codes,
            standards=standards,
            today=today,
        )
    elif kind == "to-trinh":
        content = docx_files.request_docx(
            commune=commune,
            province=province,
            school_year=record.school_year,
            codes=record.codes,
            standards=standards,
            today=today,
        )
    else:
        if record.state != Dossier.State.RECOGNISED or record.decision_date is None:
            raise Http404
        content = docx_files.decision_docx(
            commune=commune,
            province=province,
            school_year=record.school_year,
            codes=record.codes,
            decision_number=record.decision_number,
            decision_date=record.decision_date,
        )
    response = HttpResponse(content, content_type=DOCX_TYPE)
    return attach(response, file_name(kind, commune.name, record.school_year, extension="docx"))
