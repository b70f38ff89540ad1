from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from xhht.accounts.access import Capability, require
from xhht.audit.models import AuditEntry
from xhht.core.http import user_of


@require_safe
@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Recent changes to the records the user may see."""
    user = user_of(request)
    require(user, Capability.VIEW)
    entries = AuditEntry.objects.visible_to(user).select_related("actor", "place", "content_type")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "audit/index.html", {"page": page})
