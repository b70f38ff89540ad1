"""A citizen's own page: register for "Công dân học tập", self-assess, upload evidence, follow."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from xhht.accounts.access import Capability, require
from xhht.core.http import user_of
from xhht.core.workflow import refusal_shown
from xhht.criteria.models import Title
from xhht.recognition import actions
from xhht.recognition.access import own_person
from xhht.recognition.models import Assessment
from xhht.recognition.views.assessments import detail_context


@login_required
@require_http_methods(["GET", "POST"])
@refusal_shown("recognition:me")
def me(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.SELF_SERVICE)
    person = own_person(user)
    year = timezone.localdate().year
    if request.method == "POST" and person is not None:
        actions.register(actor=user, title=Title.CITIZEN, subject=person, year=year)
        messages.success(request, _("Đã đăng ký “Công dân học tập” năm %(year)s.") % {"year": year})
        return redirect("recognition:me")
    assessments = list(
        Assessment.objects.for_citizen(user).select_related(
            "place", "criteria_set", "household", "person", "decision"
        )
    )
    current = next(
        (
            a
            for a in assessments
            if a.title == Title.CITIZEN and a.year == year and a.state != "withdrawn"
        ),
        None,
    )
    context = {
        "person": person,
        "year": year,
        "assessments": assessments,
        "current": detail_context(user, current) if current else None,
    }
    return render(request, "recognition/me.html", context)
