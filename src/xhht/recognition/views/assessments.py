"""Listing, registering, self-assessing, reviewing and moving one assessment."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from xhht.accounts.access import Capability, can, require, visible_places
from xhht.accounts.models import User
from xhht.audit.models import AuditEntry
from xhht.core.http import user_of
from xhht.core.workflow import StepRefused, refusal_shown
from xhht.criteria.models import RECOGNITION_TITLE_CHOICES, RECOGNITION_TITLES, Title
from xhht.places.models import Level
from xhht.recognition import actions, subjects
from xhht.recognition.access import get_assessment_for_user, require_step, steps_allowed
from xhht.recognition.criteria_link import groups_of, items_of
from xhht.recognition.forms import EvidenceForm, RegisterForm, marks_from_post
from xhht.recognition.learning import learning_evidence
from xhht.recognition.models import Assessment, State, Step
from xhht.recognition.views.common import int_or_none, posted_version


@require_safe
@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    if not can(user, Capability.VIEW):
        if can(user, Capability.SELF_SERVICE):
            return redirect("recognition:me")
        require(user, Capability.VIEW)
    assessments = Assessment.objects.visible_to(user).select_related(
        "place", "household", "clan", "unit", "person", "subject_place"
    )
    filters = {k: request.GET.get(k, "") for k in ("title", "year", "state")}
    if filters["title"] in RECOGNITION_TITLES:
        assessments = assessments.filter(title=filters["title"])
    if (year := int_or_none(filters["year"])) is not None:
        assessments = assessments.filter(year=year)
    if filters["state"] in State.values:
        assessments = assessments.filter(state=filters["state"])
    page = Paginator(assessments.order_by("-year", "place__sort_key", "id"), 50).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "filters": filters,
        "titles": RECOGNITION_TITLE_CHOICES,
        "states": State.choices,
        "can_register": can(user, Capability.ASSESS),
        "can_import": can(user, Capability.REVIEW),
        "boards": visible_places(user, Capability.REVIEW)
        .filter(level=Level.COMMUNE)
        .by_name()[:20],
    }
    return render(request, "recognition/index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """Register a title for a subject chosen with the picker (search by name or code within
    the user's scope), from its record's page (``?title=…&subject=<id>``), or by its code."""
    user = user_of(request)
    require(user, Capability.ASSESS)
    # The picker's own select is "picker_title": the form below keeps the one "title" field.
    title = request.GET.get("picker_title") or request.GET.get("title", "")
    title = title if title in RECOGNITION_TITLES else Title.FAMILY
    chosen_pk = int_or_none(request.GET.get("subject"))
    chosen = subjects.find_by_pk(user, title, chosen_pk) if chosen_pk else None
    initial = {"title": title, "subject": chosen.pk if chosen else None}
    form = RegisterForm(request.POST or None, initial=initial)
    if chosen is not None:  # chosen on its page or in the picker: no code to type
        form.fields["code"].widget = forms.HiddenInput()
        form.fields["title"].widget = forms.HiddenInput()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data.get("subject"):
            subject = subjects.find_by_pk(user, data["title"], data["subject"])
        else:
            subject = subjects.find_by_code(user, data["title"], data["code"])
        not_found = _("Không tìm thấy đối tượng có mã này trong địa bàn của bạn.")
        if subject is None:
            form.add_error("code", not_found)
        else:
            try:
                assessment = actions.register(
                    actor=user,
                    title=data["title"],
                    subject=subject,
                    year=data["year"],
                )
            except PermissionDenied:
                # Seen but not registrable by this user: the same answer as a code nobody has,
                # else a CCCD would be confirmed beyond where the user may register.
                form.add_error("code", not_found)
            except StepRefused as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Đã đăng ký danh hiệu."))
                return redirect("recognition:detail", pk=assessment.pk)
    query = request.GET.get("q", "").strip()[:100]
    context = {
        "form": form,
        "title": title,
        "titles": RECOGNITION_TITLE_CHOICES,
        "query": query,
        "choices": subjects.search(user, title, query) if query else [],
        "chosen": chosen,
        "limit": subjects.PICKER_LIMIT,
    }
    return render(request, "recognition/register.html", context)


def detail_context(user: User, assessment: Assessment) -> dict[str, Any]:
    items = items_of(assessment.criteria_set, assessment.group)
    evidence = list(assessment.evidence.all())
    rows = [
        {
            "item": item,
            "answer": assessment.answers.get(item.code, {}),
            "review": assessment.review.get(item.code, {}),
            "evidence": [e for e in evidence if e.item_code == item.code],
        }
        for item in items
    ]
    may = steps_allowed(user, assessment)
    return {
        "assessment": assessment,
        "rows": rows,
        "learning": learning_evidence(assessment, rows),
        "may": may,
        "editable": assessment.is_editable() and may[Step.SELF_ASSESS],
        "reviewable": assessment.state == State.SELF_ASSESSED and may[Step.REVIEW],
        "groups": groups_of(assessment.criteria_set),
        "evidence_form": EvidenceForm(),
        "history": AuditEntry.objects.for_object(assessment).filter(action="step")[:30],
        "certificate": getattr(assessment, "certificate", None),
    }


@require_safe
@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    assessment = get_assessment_for_user(user, pk)
    return render(request, "recognition/detail.html", detail_context(user, assessment))


def back(request: HttpRequest, pk: int, **_url_args: str) -> HttpResponse:
    """Back to the citizen's own page when the form came from there, else to the assessment."""
    if request.POST.get("back") == "me":
        return redirect("recognition:me")
    return redirect("recognition:detail", pk=pk)


@login_required
@require_POST
@refusal_shown(back)
def self_assess(request: HttpRequest, pk: int) -> HttpResponse:
    """The one self-assessment form: the marks typed and the file chosen are kept together
    (a file chosen beside the marks is uploaded first, then the marks saved or sent)."""
    user = user_of(request)
    assessment = get_assessment_for_user(user, pk)
    require_step(user, assessment, Step.SELF_ASSESS)
    add_posted_evidence(request, user, assessment)
    group = request.POST.get("group", "")
    items = items_of(assessment.criteria_set, group or assessment.group)
    answers = marks_from_post(request.POST, items, "note")
    if "submit" in request.POST:
        actions.submit_self_assessment(
            actor=user,
            assessment=assessment,
            answers=answers,
            group=group,
            expected_version=posted_version(request),
        )
        messages.success(request, _("Đã gửi tự đánh giá để thẩm định."))
    else:
        actions.save_answers(
            actor=user,
            assessment=assessment,
            answers=answers,
            group=group,
            expected_version=posted_version(request),
        )
        messages.success(request, _("Đã lưu bản nháp tự đánh giá."))
    return back(request, pk)


def save_posted_draft(request: HttpRequest, user: User, assessment: Assessment) -> bool:
    """Keep the marks the self-assessment form posted as a draft; False when it posted none
    (an upload from an older page)."""
    if not any(key.startswith(("points-", "met-", "note-")) for key in request.POST):
        return False
    group = request.POST.get("group", "")
    items = items_of(assessment.criteria_set, group or assessment.group)
    actions.save_answers(
        actor=user,
        assessment=assessment,
        answers=marks_from_post(request.POST, items, "note"),
        group=group,
        expected_version=posted_version(request),
    )
    return True


def add_posted_evidence(request: HttpRequest, user: User, assessment: Assessment) -> bool:
    """Upload the file chosen in the form, if one was; False when none was."""
    file = request.FILES.get("file")
    if file is None:
        return False
    actions.add_evidence(
        actor=user, assessment=assessment, item_code=request.POST.get("item_code", ""), upload=file
    )
    messages.success(request, _("Đã tải lên minh chứng “%(name)s”.") % {"name": file.name})
    return True


@login_required
@require_POST
@refusal_shown(back)
def review(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    assessment = get_assessment_for_user(user, pk)
    require_step(user, assessment, Step.REVIEW)
    items = items_of(assessment.criteria_set, assessment.group)
    marks = marks_from_post(request.POST, items, "comment")
    actions.review(
        actor=user,
        assessment=assessment,
        marks=marks,
        comment=request.POST.get("comment", ""),
        expected_version=posted_version(request),
    )
    messages.success(request, _("Đã lưu kết quả thẩm định."))
    return back(request, pk)


STEP_ACTIONS: dict[str, tuple[Callable[..., Any], str, Any]] = {
    Step.RETURN: (
        actions.return_for_correction,
        "message",
        gettext_lazy("Đã trả lại hồ sơ để bổ sung."),
    ),
    Step.REFUSE: (actions.refuse, "reason", gettext_lazy("Đã ghi nhận không công nhận.")),
    Step.WITHDRAW: (actions.withdraw, "reason", gettext_lazy("Đã rút đăng ký.")),
    Step.REVOKE: (actions.revoke, "reason", gettext_lazy("Đã thu hồi công nhận.")),
}


@login_required
@require_POST
@refusal_shown(back)
def transition(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Return, propose, refuse, withdraw or revoke one assessment (with a reason where needed)."""
    user = user_of(request)
    assessment = get_assessment_for_user(user, pk)
    require_step(user, assessment, step)
    if step == Step.PROPOSE:
        actions.propose(actor=user, assessment=assessment, expected_version=posted_version(request))
        messages.success(request, _("Đã đưa vào danh sách đề nghị công nhận."))
    else:
        function, argument, success = STEP_ACTIONS[step]
        text = request.POST.get("reason", "")
        function(
            actor=user,
            assessment=assessment,
            expected_version=posted_version(request),
            **{argument: text},
        )
        messages.success(request, str(success))
    return back(request, pk)
