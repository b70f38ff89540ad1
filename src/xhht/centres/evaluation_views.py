"""The centre's yearly self-evaluation page (phone first) and its steps (``evaluation``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from xhht.accounts.access import Capability
from xhht.centres import evaluation as steps
from xhht.centres.access import get_centre_for_user
from xhht.centres.models import Centre, CentreEvaluation
from xhht.core.http import user_of
from xhht.core.workflow import refusal_shown


def _page(evaluation: CentreEvaluation) -> HttpResponseRedirect:
    return redirect("centres:centre_evaluation", pk=evaluation.centre_id, year=evaluation.year)


def _back(request: HttpRequest, pk: int) -> HttpResponse:
    """Back to the evaluation's page (after a refused step), or 404 when it is not visible."""
    return _page(steps.get_evaluation_for_user(user_of(request), pk))


def _centre(request: HttpRequest, pk: int, capability: str = Capability.VIEW) -> Centre:
    centre = get_centre_for_user(user_of(request), pk, capability)
    if centre.kind != Centre.Kind.TTHTCD:
        raise Http404
    return centre


@login_required
@require_safe
def centre_evaluation(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """Tự đánh giá năm …: each item with its maximum and score, the total, the state."""
    user = user_of(request)
    centre = _centre(request, pk)
    if not steps.FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404
    evaluation = (
        CentreEvaluation.objects.filter(centre=centre, year=year)
        .select_related("criteria_set", "submitted_by", "confirmed_by")
        .first()
    )
    context: dict[str, Any] = {
        "centre": centre,
        "year": year,
        "evaluation": evaluation,
        "may_evaluate": steps.may_evaluate(user, centre),
        "may_confirm": steps.may_confirm(user, centre),
    }
    if evaluation is None:
        context["usable_set"] = steps.usable_set(centre, year)
        context["no_set_message"] = steps.no_set_message()
    else:
        result = steps.evaluate(evaluation)
        context |= {
            "result": result,
            "lines": steps.item_lines(evaluation, result),
            "return_reason": steps.last_return_reason(evaluation),
            "editable": evaluation.state == CentreEvaluation.State.DRAFT
            and context["may_evaluate"],
        }
    return render(request, "centres/centre_evaluation.html", context)


@login_required
@require_POST
@refusal_shown("centres:centre_evaluation")
def centre_evaluation_start(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    centre = _centre(request, pk, steps.EVALUATE_CAPABILITY)
    evaluation = steps.start_evaluation(user=user_of(request), centre=centre, year=year)
    messages.success(request, _("Đã bắt đầu tự đánh giá năm %(year)s.") % {"year": year})
    return _page(evaluation)


def _marks_from(request: HttpRequest, evaluation: CentreEvaluation) -> dict[str, dict[str, Any]]:
    return {
        item.code: {
            "points": request.POST.get(f"points_{item.code}"),
            "met": request.POST.get(f"met_{item.code}"),
            "note": request.POST.get(f"note_{item.code}", ""),
        }
        for item in evaluation.criteria_set.definition().items()
    }


@login_required
@require_POST
@refusal_shown(_back)
def evaluation_marks(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the marks; with ``submit`` in the form, send the evaluation to the commune too."""
    user = user_of(request)
    evaluation = steps.get_evaluation_for_user(user, pk, steps.EVALUATE_CAPABILITY)
    evaluation = steps.save_marks(
        user=user, evaluation=evaluation, marks=_marks_from(request, evaluation)
    )
    if "submit" in request.POST:
        steps.submit_evaluation(user=user, evaluation=evaluation)
        messages.success(request, _("Đã gửi bản tự đánh giá cho xã xác nhận."))
    else:
        messages.success(request, _("Đã lưu điểm tự đánh giá."))
    return _page(evaluation)


@login_required
@require_POST
@refusal_shown(_back)
def evaluation_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    evaluation = steps.get_evaluation_for_user(user, pk, steps.CONFIRM_CAPABILITY)
    steps.confirm_evaluation(user=user, evaluation=evaluation)
    messages.success(request, _("Đã xác nhận bản tự đánh giá."))
    return _page(evaluation)


@login_required
@require_POST
@refusal_shown(_back)
def evaluation_return(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    evaluation = steps.get_evaluation_for_user(user, pk, steps.CONFIRM_CAPABILITY)
    steps.return_evaluation(user=user, evaluation=evaluation, reason=request.POST.get("reason", ""))
    messages.success(request, _("Đã trả lại bản tự đánh giá cho trung tâm."))
    return _page(evaluation)
