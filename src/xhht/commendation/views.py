"""Commendation pages: movements (list, opening one, its nominations), nominations (the queue,
nominating, a nomination's page with its steps, evidence, the decision and its DOCX). Records
are fetched only through ``access``; the steps' own checks say who may take them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from xhht.accounts.access import Capability, can, require
from xhht.commendation import actions, subjects
from xhht.commendation.access import (
    get_evidence_for_user,
    get_movement_for_user,
    get_nomination_for_user,
    may_decide,
    may_nominate,
    may_review,
)
from xhht.commendation.documents import decision_docx
from xhht.commendation.forms import (
    AchievementsForm,
    AgreeForm,
    DecisionForm,
    EvidenceForm,
    MovementForm,
    NominationForm,
    ReturnForm,
)
from xhht.commendation.models import Award, Movement, Nomination, State
from xhht.core import files
from xhht.core.downloads import attach, file_name
from xhht.core.http import user_of
from xhht.core.workflow import StepRefused, form_problems, refusal_shown

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PAGE_SIZE = 50
SUBJECT_RELATED = (
    "movement",
    "place",
    "person",
    "household",
    "clan",
    "unit",
    "body",
    "subject_place",
)


def _version(request: HttpRequest) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() and len(value) < 10 else None


@require_safe
@login_required
def movement_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.VIEW)
    rows = Movement.objects.visible_to(user).select_related("place")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "can_open": can(user, Capability.DECIDE_COMMENDATION)}
    return render(request, "commendation/movement_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def movement_open(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.DECIDE_COMMENDATION)
    form = MovementForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            movement = actions.open_movement(actor=user, **form.cleaned_data)
        except StepRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Đã phát động “%(name)s”.") % {"name": movement.name})
            return redirect("commendation:movement_detail", pk=movement.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "commendation/movement_form.html", {"form": form}, status=status)


@require_safe
@login_required
def movement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    movement = get_movement_for_user(user, pk)
    rows = (
        Nomination.objects.visible_to(user)
        .filter(movement=movement)
        .select_related(*SUBJECT_RELATED)
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "movement": movement,
        "page": page,
        "can_nominate": can(user, Capability.NOMINATE),
    }
    return render(request, "commendation/movement_detail.html", context)


@require_safe
@login_required
def nomination_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.VIEW)
    rows = Nomination.objects.visible_to(user).select_related(*SUBJECT_RELATED)
    state = request.GET.get("state", "")
    if state in State.values:
        rows = rows.filter(state=state)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "states": State.choices,
        "state": state,
        "can_nominate": can(user, Capability.NOMINATE),
    }
    return render(request, "commendation/nomination_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def nominate(request: HttpRequest) -> HttpResponse:
    """Pick the subject (a search, or ``?kind=…&id=…`` from a record's page), then the movement
    and the achievements."""
    user = user_of(request)
    require(user, Capability.NOMINATE)
    data = request.POST if request.method == "POST" else request.GET
    kind = data.get("kind", "person")
    kind = kind if kind in subjects.KINDS else "person"
    raw_id = data.get("id", "")
    subject = (
        subjects.find_subject(user, kind, int(raw_id))
        if raw_id.isdigit() and len(raw_id) < 12
        else None
    )
    if subject is None:
        query = request.GET.get("q", "")[:100]
        picking = {
            "kinds": subjects.KINDS.items(),
            "kind": kind,
            "q": query,
            "found": [
                (s.pk, subjects.subject_label(s)) for s in subjects.search(user, kind, query)
            ],
        }
        status = 400 if request.method == "POST" else 200
        return render(request, "commendation/nominate_pick.html", picking, status=status)
    initial: dict[str, object] = {}
    if request.GET.get("movement", "").isdigit():
        initial["movement"] = request.GET["movement"]
    form = NominationForm(request.POST or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            nomination = actions.nominate(
                actor=user,
                movement=form.cleaned_data["movement"],
                subject=subject,
                achievements=form.cleaned_data["achievements"],
            )
        except StepRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Đã lập hồ sơ đề nghị khen thưởng."))
            return redirect("commendation:nomination_detail", pk=nomination.pk)
    context: dict[str, object] = {
        "form": form,
        "kind": kind,
        "subject": subject,
        "label": subjects.subject_label(subject),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "commendation/nominate_form.html", context, status=status)


@require_safe
@login_required
def nomination_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    nomination = get_nomination_for_user(user, pk)
    editable = nomination.is_editable() and may_nominate(user, nomination)
    reviewing = may_review(user, nomination)
    deciding = may_decide(user, nomination)
    context = {
        "nomination": nomination,
        "evidence": list(nomination.evidence.all()),
        "can_edit": editable,
        "can_review": reviewing and nomination.state == State.SUBMITTED,
        "can_return": (reviewing or deciding)
        and nomination.state in (State.SUBMITTED, State.REVIEWED),
        "can_decide": deciding and nomination.state == State.REVIEWED,
        "evidence_form": EvidenceForm(),
        "agree_form": AgreeForm(),
        "return_form": ReturnForm(),
    }
    return render(request, "commendation/nomination_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@refusal_shown("commendation:nomination_detail")
def nomination_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    nomination = get_nomination_for_user(user, pk, Capability.NOMINATE)
    form = AchievementsForm(request.POST or None, initial={"achievements": nomination.achievements})
    if request.method == "POST" and form.is_valid():
        actions.update_nomination(
            actor=user,
            nomination=nomination,
            achievements=form.cleaned_data["achievements"],
            expected_version=_version(request),
        )
        messages.success(request, _("Đã lưu thành tích."))
        return redirect("commendation:nomination_detail", pk=pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "nomination": nomination}
    return render(request, "commendation/nomination_edit.html", context, status=status)


@login_required
@require_POST
@refusal_shown("commendation:nomination_detail")
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    nomination = get_nomination_for_user(user, pk, Capability.NOMINATE)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        raise StepRefused(_("Hãy chọn một ảnh chụp hoặc tệp PDF."))
    actions.add_evidence(actor=user, nomination=nomination, upload=form.cleaned_data["file"])
    messages.success(request, _("Đã thêm minh chứng."))
    return redirect("commendation:nomination_detail", pk=pk)


def _back_to_nomination(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = get_evidence_for_user(user_of(request), pk)
    return redirect("commendation:nomination_detail", pk=evidence.nomination_id)


@login_required
@require_POST
@refusal_shown(_back_to_nomination)
def evidence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    evidence = get_evidence_for_user(user, pk, Capability.NOMINATE)
    actions.remove_evidence(actor=user, evidence=evidence)
    messages.success(request, _("Đã xóa minh chứng."))
    return redirect("commendation:nomination_detail", pk=evidence.nomination_id)


@require_safe
@login_required
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    evidence = get_evidence_for_user(user_of(request), pk)
    return files.download(
        evidence.file, content_type=evidence.content_type, filename=evidence.original_name
    )


@login_required
@require_POST
@refusal_shown("commendation:nomination_detail")
def nomination_submit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    nomination = get_nomination_for_user(user, pk, Capability.NOMINATE)
    actions.submit(actor=user, nomination=nomination, expected_version=_version(request))
    messages.success(request, _("Đã gửi hồ sơ đến hội đồng thi đua, khen thưởng."))
    return redirect("commendation:nomination_detail", pk=pk)


@login_required
@require_POST
@refusal_shown("commendation:nomination_detail")
def nomination_agree(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    nomination = get_nomination_for_user(user, pk)
    form = AgreeForm(request.POST)
    if not form.is_valid():
        raise StepRefused("", form_problems(form))
    actions.agree(
        actor=user,
        nomination=nomination,
        note=form.cleaned_data["note"],
        votes_for=form.cleaned_data["votes_for"],
        votes_against=form.cleaned_data["votes_against"],
        expected_version=_version(request),
    )
    messages.success(request, _("Hội đồng đã thống nhất đề nghị khen thưởng."))
    return redirect("commendation:nomination_detail", pk=pk)


@login_required
@require_POST
@refusal_shown("commendation:nomination_detail")
def nomination_return(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    nomination = get_nomination_for_user(user, pk)
    actions.return_nomination(
        actor=user,
        nomination=nomination,
        reason=request.POST.get("reason", "")[:5000],
        expected_version=_version(request),
    )
    messages.success(request, _("Đã trả lại hồ sơ kèm lý do."))
    return redirect("commendation:nomination_detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def nomination_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    nomination = get_nomination_for_user(user, pk)
    awards = [a for a in Award.values if may_decide(user, nomination, a)]
    if not awards:
        require(user, Capability.DECIDE_COMMENDATION, nomination.commune)
    initial = {
        "award": awards[0],
        "issuer": actions.default_issuer(nomination, awards[0]),
        "decision_date": timezone.localdate(),
        "signer_title": _("Chủ tịch"),
    }
    form = DecisionForm(request.POST or None, awards=awards, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.decide(
                actor=user,
                nomination=nomination,
                expected_version=_version(request),
                **form.cleaned_data,
            )
        except StepRefused as refusal:
            form.add_error(None, refusal.message)
            for problem in refusal.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, _("Đã ghi quyết định khen thưởng."))
            return redirect("commendation:nomination_detail", pk=pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "nomination": nomination}
    return render(request, "commendation/nomination_decide.html", context, status=status)


@require_safe
@login_required
def nomination_docx(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    nomination = get_nomination_for_user(user, pk)
    if nomination.state != State.DECIDED:
        messages.error(request, _("Hồ sơ chưa có quyết định khen thưởng."))
        return redirect("commendation:nomination_detail", pk=pk)
    response = HttpResponse(decision_docx(nomination), content_type=DOCX_TYPE)
    name = file_name("Quyet dinh khen thuong", nomination.subject_name(), extension="docx")
    return attach(response, name)
