"""Communication pages: the list of activities of the user's places (paginated) with their
totals, recording one, removing a mistaken one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from xhht.accounts.access import Capability, acting_scope, path_under, require
from xhht.accounts.models import Body
from xhht.core.http import user_of
from xhht.core.workflow import StepRefused, refusal_shown, show_refusal
from xhht.governance import access, communication
from xhht.governance.forms import ActivityForm
from xhht.governance.models import CommunicationActivity
from xhht.reporting.periods import today

PAGE_SIZE = 25


@require_safe
@login_required
def activity_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.VIEW)
    activities = CommunicationActivity.objects.visible_to(user)
    totals = activities.aggregate(n=Count("pk"), reach=Sum("audience"))
    rows = activities.select_related("place", "body")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    prefixes, bodies = acting_scope(user, Capability.REPORT)
    removable = {a.pk for a in page if a.body_id in bodies or path_under(a.place.path, prefixes)}
    context = {
        "removable": removable,
        "page": page,
        "totals": totals,
        "can_record": bool(prefixes or bodies),
    }
    return render(request, "governance/activity_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    places = access.communication_places(user)
    _prefixes, body_ids = acting_scope(user, Capability.REPORT)
    bodies = list(Body.objects.filter(pk__in=body_ids))
    if not places and not bodies:
        raise PermissionDenied
    form = ActivityForm(request.POST or None, places=places, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        try:
            communication.record_activity(actor=user, today=today(), **form.cleaned_data)
        except StepRefused as refusal:
            show_refusal(request, refusal)
        else:
            messages.success(request, _("Đã ghi hoạt động truyền thông."))
            return redirect("governance:activity_list")
    status = 400 if request.method == "POST" else 200
    return render(request, "governance/activity_form.html", {"form": form}, status=status)


@require_POST
@login_required
@refusal_shown(lambda request, pk: redirect("governance:activity_list"))
def activity_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    activity = access.get_activity_for_user(user, pk)
    communication.remove_activity(
        actor=user, activity=activity, reason=request.POST.get("reason", "")[:500]
    )
    messages.success(request, _("Đã xóa hoạt động."))
    return redirect("governance:activity_list")
