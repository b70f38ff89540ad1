"""The council's list and the decision: propose and recognise many at once; documents."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from xhht.accounts.access import Capability, can, get_place_for_user
from xhht.accounts.models import User
from xhht.core import nd30
from xhht.core.downloads import attach, file_name
from xhht.core.http import user_of
from xhht.core.numbers import bounded_int
from xhht.core.workflow import StepRefused
from xhht.criteria.models import RECOGNITION_TITLE_CHOICES, RECOGNITION_TITLES, Title
from xhht.places.models import Place
from xhht.recognition import actions
from xhht.recognition.access import get_certificate_for_user, get_decision_for_user
from xhht.recognition.documents.content import decision_text, recognised_in
from xhht.recognition.documents.docx_decision import decision_docx
from xhht.recognition.documents.pdf import certificate_pdf, decision_pdf
from xhht.recognition.forms import DecisionForm
from xhht.recognition.models import Assessment, State
from xhht.recognition.views.common import int_or_none

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _board_place(user: User, pk: int) -> Place:
    place = get_place_for_user(user, pk)
    if not (can(user, Capability.REVIEW, place) or can(user, Capability.RECOGNISE, place)):
        raise PermissionDenied
    return place


def _selection(request: HttpRequest) -> tuple[str, int]:
    source = request.POST if request.method == "POST" else request.GET
    title = source.get("title", Title.FAMILY)
    year = int_or_none(source.get("year")) or timezone.localdate().year
    return (title if title in RECOGNITION_TITLES else Title.FAMILY), year


def _board_rows(user: User, place: Place, title: str, year: int) -> QuerySet[Assessment]:
    return (
        Assessment.objects.visible_to(user)
        .filter(place__path__startswith=place.path, title=title, year=year)
        .select_related("place", "household", "clan", "unit", "person", "subject_place")
        .order_by("place__sort_key", "id")
    )


@require_safe
@login_required
def board(request: HttpRequest, pk: int) -> HttpResponse:
    """One page with the computed results: propose the passed ones, then decide on hundreds."""
    return _board_page(request, pk)


def _board_page(request: HttpRequest, pk: int, form: DecisionForm | None = None) -> HttpResponse:
    """The board, with the decision form sent back with its errors when there is one."""
    user = user_of(request)
    place = _board_place(user, pk)
    title, year = _selection(request)
    rows = _board_rows(user, place, title, year)
    context = {
        "place": place,
        "title": title,
        "title_label": Title(title).label,
        "year": year,
        "titles": RECOGNITION_TITLE_CHOICES,
        "reviewed": rows.filter(state=State.REVIEWED)[:2000],
        "proposed": rows.filter(state=State.PROPOSED)[:2000],
        "recognised_count": rows.filter(state=State.RECOGNISED).count(),
        "waiting_count": rows.filter(
            state__in=[State.REGISTERED, State.SELF_ASSESSED, State.RETURNED]
        ).count(),
        "form": form
        or DecisionForm(
            initial={
                "place_name": nd30.place_name(place.name),
                "issuing_body": f"Ủy ban nhân dân {place.name}",
            }
        ),
        "can_recognise": can(user, Capability.RECOGNISE, place),
    }
    return render(request, "recognition/board.html", context)


def _chosen(
    request: HttpRequest, user: User, place: Place, title: str, year: int
) -> list[Assessment]:
    ids = [n for n in map(bounded_int, request.POST.getlist("ids")) if n is not None]
    return list(
        _board_rows(user, place, title, year).filter(pk__in=ids).select_related("criteria_set")
    )


def _board_url(place: Place, title: str, year: int) -> str:
    return f"{reverse('recognition:board', args=[place.pk])}?title={title}&year={year}"


@login_required
@require_POST
def board_propose(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    place = _board_place(user, pk)
    title, year = _selection(request)
    chosen = _chosen(request, user, place, title, year)
    if not chosen:
        messages.error(request, _("Hãy chọn ít nhất một hồ sơ."))
        return redirect(_board_url(place, title, year))
    try:
        with transaction.atomic():
            for assessment in chosen:
                actions.propose(actor=user, assessment=assessment)
    except StepRefused as exc:
        messages.error(request, _("Chưa đề nghị hồ sơ nào: %(why)s") % {"why": exc.message})
    else:
        messages.success(request, _("Đã đề nghị công nhận %(n)s hồ sơ.") % {"n": len(chosen)})
    return redirect(_board_url(place, title, year))


@login_required
@require_POST
def board_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    place = _board_place(user, pk)
    if not can(user, Capability.RECOGNISE, place):
        raise PermissionDenied
    title, year = _selection(request)
    form = DecisionForm(request.POST)
    chosen = _chosen(request, user, place, title, year)
    if form.is_valid():
        try:
            decision = actions.recognise(actor=user, assessments=chosen, data=form.data_object())
        except StepRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("Đã ban hành quyết định công nhận %(n)s hồ sơ.") % {"n": len(chosen)}
            )
            return redirect("recognition:decision", pk=decision.pk)
    return _board_page(request, pk, form=form)


@require_safe
@login_required
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_decision_for_user(user_of(request), pk)
    return render(
        request,
        "recognition/decision.html",
        {
            "decision": found,
            "assessments": recognised_in(found),
            "title_label": Title(found.title).label,
        },
    )


def _filename(number: str, extension: str) -> str:
    """ "quyet-dinh-15-QD-UBND.docx" for decision 15/QĐ-UBND."""
    return file_name("quyet-dinh", number, extension=extension)


@require_safe
@login_required
def decision_docx_view(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_decision_for_user(user_of(request), pk)
    response = HttpResponse(decision_docx(decision_text(found)), content_type=DOCX_TYPE)
    return attach(response, _filename(found.number, "docx"))


@require_safe
@login_required
def decision_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_decision_for_user(user_of(request), pk)
    response = HttpResponse(decision_pdf(decision_text(found)), content_type="application/pdf")
    return attach(response, _filename(found.number, "pdf"), inline=True)


@require_safe
@login_required
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_certificate_for_user(user_of(request), pk)
    url = request.build_absolute_uri(reverse("recognition:verify", args=[found.code]))
    response = HttpResponse(certificate_pdf(found, url), content_type="application/pdf")
    return attach(response, file_name("giay-cong-nhan", found.code, extension="pdf"), inline=True)
