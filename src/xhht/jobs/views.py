"""The one page action every job shares: run an interrupted job again (its page is its app's)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xhht.core.http import user_of
from xhht.jobs import runner
from xhht.jobs.access import get_job_for_user


@login_required
@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    job = get_job_for_user(user, pk)
    if runner.retry(job=job, user=user):
        messages.success(request, _("Đã cho chạy lại “%(title)s”.") % {"title": job.title})
    else:
        messages.info(request, _("Tác vụ này không cần chạy lại."))
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        back, {request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect("site:home")
