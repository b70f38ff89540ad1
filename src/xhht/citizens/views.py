"""The citizen's own pages (register, follow the claim, see and ask to correct one's data) and
the officer's short queues (claims to confirm, corrections to apply, an account on the spot)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from xhht.accounts.access import Capability, can, require
from xhht.accounts.client_ip import client_ip
from xhht.audit.actions import record_step
from xhht.audit.models import AuditEntry
from xhht.citizens import actions, corrections
from xhht.citizens.access import get_claim_for_user, get_correction_for_user, pending_claims
from xhht.citizens.forms import (
    ApplyForm,
    ClaimRefusalForm,
    CorrectionForm,
    ReasonForm,
    RegistrationForm,
    SpotAccountForm,
)
from xhht.citizens.models import Claim, CorrectionRequest
from xhht.citizens.spot_accounts import create_account_for_person
from xhht.core.http import user_of
from xhht.core.workflow import StepRefused, refusal_shown, show_refusal
from xhht.places.models import Level, Place
from xhht.recognition.access import own_person
from xhht.registry.access import get_person_for_user
from xhht.registry.models import Person

QUEUE_PAGE = 20
#: What every registration reads, whatever the CCCD (no oracle: docs/SECURITY.md).
REGISTERED = "citizens_registered"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@sensitive_post_parameters("cccd", "password", "password_again")
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """Public: a person registers and asks to be linked to their record."""
    if request.user.is_authenticated:
        return redirect(
            "citizens:me" if can(request.user, Capability.SELF_SERVICE) else "site:home"
        )
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, _claim = actions.register_claim(
                cccd=data["cccd"],
                birth_date=data["birth_date"],
                phone=data["phone"],
                full_name=data["full_name"],
                password=data["password"],
                place=form.place(),
                address=client_ip(request),
            )
        except ValidationError as error:
            form.add_error("password", error)
        except StepRefused as refusal:
            for text in [refusal.message, *refusal.problems]:
                if text:
                    form.add_error(None, text)
        else:
            login(request, user, backend=MODEL_BACKEND)
            request.session[REGISTERED] = True
            return redirect("citizens:registered")
    return render(request, "citizens/register.html", {"form": form})


@require_safe
def place_options(request: HttpRequest) -> HttpResponse:
    """Public: the communes of a province or the hamlets of a commune, as ``<option>``s."""
    level = request.GET.get("level", "")
    parent_name = {Level.COMMUNE: "province", Level.HAMLET: "commune"}.get(level)  # type: ignore[call-overload]  # a plain str key
    raw = request.GET.get(parent_name or "", "")
    places: Any = Place.objects.none()
    if parent_name and raw.isdigit():
        parent = Place.objects.current().filter(pk=int(raw)).first()
        if parent is not None:
            places = Place.objects.current().filter(level=level, path__startswith=parent.path)
    rows = list(places.order_by("sort_key").values_list("pk", "name")[:2000])
    return render(request, "citizens/_place_options.html", {"places": rows})


@login_required
@require_safe
def registered(request: HttpRequest) -> HttpResponse:
    """What every claimant reads after registering, whatever their CCCD."""
    return render(request, "citizens/registered.html", {"username": request.user.get_username()})


@login_required
@require_safe
def me(request: HttpRequest) -> HttpResponse:
    """The citizen's own data, household and hamlet, the corrections asked, or the claim."""
    user = user_of(request)
    require(user, Capability.SELF_SERVICE)
    person = own_person(user)
    context: dict[str, Any] = {"person": person, "change_password": _given_password(user)}
    if person is None:
        claim = Claim.objects.filter(account=user).select_related("claimed_place")
        context["claim"] = claim.order_by("-created_at", "-pk").first()
    else:
        context["person"] = Person.objects.select_related("place__parent", "household", "unit").get(
            pk=person.pk
        )
        context["corrections"] = list(
            CorrectionRequest.objects.filter(person=person).order_by("-created_at", "-pk")[:50]
        )
    return render(request, "citizens/me.html", context)


def _given_password(user: Any) -> bool:
    """Whether the user still logs in with the password an officer gave them (accounts has no
    forced change: the citizen's page asks for one until ``password_changed`` is recorded)."""
    if user.created_by_id is None:
        return False
    return not AuditEntry.objects.filter(actor=user, step="password_changed").exists()


@login_required
@require_http_methods(["GET", "POST"])
def correction_create(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.SELF_SERVICE)
    person = own_person(user)
    if person is None:
        messages.error(request, _("Tài khoản của bạn chưa được liên kết với hồ sơ công dân."))
        return redirect("citizens:me")
    form = CorrectionForm(request.POST or None, initial={"field": request.GET.get("field")})
    if request.method == "POST" and form.is_valid():
        try:
            corrections.request_correction(actor=user, person=person, **form.cleaned_data)
        except StepRefused as refusal:
            for text in [refusal.message, *refusal.problems]:
                if text:
                    form.add_error(None, text)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã gửi đề nghị sửa; cán bộ sẽ xem và trả lời."))
            return redirect("citizens:me")
    return render(request, "citizens/correction_form.html", {"form": form, "person": person})


@login_required
@require_safe
def claim_queue(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, actions.CONFIRM_CAPABILITY)
    waiting = pending_claims(user).select_related("person", "claimed_place", "place")
    page = Paginator(waiting.order_by("created_at", "pk"), QUEUE_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "citizens/claim_queue.html", {"page": page})


def _shown_cccd(user: Any, claim: Claim) -> str:
    """The claim's CCCD in full for whoever sees CCCDs there (audited), else masked."""
    if claim.state == Claim.State.PENDING and can(user, Capability.VIEW_PERSONAL_ID, claim.place):
        record_step(
            actor=user,
            obj=claim,
            step="view_claim",
            place=claim.place,
            action=AuditEntry.Action.VIEW,
        )
        return claim.cccd()
    return claim.masked_cccd()


def _candidates(user: Any, claim: Claim, query: str) -> list[Person]:
    """People the officer may link an unmatched claim to (a search by name, folded)."""
    if claim.person_id is not None or claim.state != Claim.State.PENDING:
        return []
    found = Person.objects.visible_to(user, actions.CONFIRM_CAPABILITY).search(
        query or claim.full_name
    )
    return list(found.select_related("place", "household").order_by("sort_key", "pk")[:20])


@login_required
@require_http_methods(["GET", "POST"])
@refusal_shown(lambda request, pk: redirect("citizens:claim_detail", pk=pk))
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    claim = get_claim_for_user(user, pk)
    reason_form = ClaimRefusalForm(request.POST if request.POST.get("do") == "refuse" else None)
    if request.method == "POST":
        if request.POST.get("do") == "confirm":
            chosen = request.POST.get("person", "")
            person = (
                get_person_for_user(user, int(chosen), actions.CONFIRM_CAPABILITY)
                if chosen.isdigit()
                else None
            )
            linked = actions.confirm_claim(actor=user, claim=claim, person=person)
            messages.success(
                request, _("Đã liên kết tài khoản với hồ sơ “%(name)s”.") % {"name": linked}
            )
            return redirect("citizens:claim_queue")
        if reason_form.is_valid():
            actions.refuse_claim(actor=user, claim=claim, reason=reason_form.cleaned_data["reason"])
            messages.success(request, _("Đã ghi: không xác nhận yêu cầu."))
            return redirect("citizens:claim_queue")
    query = request.GET.get("q", "").strip()[:100]
    context = {
        "claim": claim,
        "cccd": _shown_cccd(user, claim),
        "taken": claim.person is not None and claim.person.user_id not in (None, claim.account_id),
        "candidates": _candidates(user, claim, query),
        "query": query,
        "reason_form": reason_form,
    }
    return render(request, "citizens/claim_detail.html", context)


@login_required
@require_safe
def correction_queue(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, corrections.DECIDE_CAPABILITY)
    waiting = corrections.pending_for(user).select_related("person__place")
    page = Paginator(waiting.order_by("created_at", "pk"), QUEUE_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "citizens/correction_queue.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
@refusal_shown(lambda request, pk: redirect("citizens:correction_detail", pk=pk))
def correction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    correction = get_correction_for_user(user, pk)
    do = request.POST.get("do")
    apply_form = ApplyForm(request.POST if do == "apply" else None)
    reason_form = ReasonForm(request.POST if do == "refuse" else None)
    if do == "apply" and apply_form.is_valid():
        corrections.apply_correction(
            actor=user, request=correction, value=apply_form.cleaned_data["value"] or None
        )
        messages.success(request, _("Đã sửa hồ sơ theo đề nghị."))
        return redirect("citizens:correction_queue")
    if do == "refuse" and reason_form.is_valid():
        corrections.refuse_correction(
            actor=user, request=correction, reason=reason_form.cleaned_data["reason"]
        )
        messages.success(request, _("Đã ghi: không sửa theo đề nghị."))
        return redirect("citizens:correction_queue")
    context = {"correction": correction, "apply_form": apply_form, "reason_form": reason_form}
    return render(request, "citizens/correction_detail.html", context)


@sensitive_post_parameters("password")
@login_required
@require_http_methods(["GET", "POST"])
def account_create(request: HttpRequest, pk: int) -> HttpResponse:
    """An officer makes a person's account on the spot; the password is shown once, here."""
    user = user_of(request)
    person = get_person_for_user(user, pk, actions.CONFIRM_CAPABILITY)
    form = SpotAccountForm(request.POST or None, initial={"phone": person.phone})
    created: dict[str, str] | None = None
    if request.method == "POST" and form.is_valid():
        try:
            account, password = create_account_for_person(
                actor=user, person=person, **form.cleaned_data
            )
        except StepRefused as refusal:
            show_refusal(request, refusal)
        else:
            created = {"username": account.username, "password": password}
    context = {"person": person, "form": form, "created": created}
    response = render(request, "citizens/account_create.html", context)
    response["Cache-Control"] = "no-store"
    return response
