"""Registry pages: list (filters, search without diacritics, Vietnamese order), detail, create, edit.

The four registries share these views; ``specs.REGISTRIES`` says what differs. Every record is
fetched through ``visible_to`` or its ``get_<thing>_for_user`` helper.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from xhht.accounts.access import Capability, can, require
from xhht.accounts.models import User
from xhht.audit.actions import record_step
from xhht.audit.models import AuditEntry
from xhht.core.downloads import file_response
from xhht.core.http import XLSX_TYPE, user_of
from xhht.core.text import group_thousands
from xhht.jobs import runner
from xhht.jobs.models import Job
from xhht.registry import exports, pii_guard
from xhht.registry.exports import EXPORT_FUNCTION, export_rows, get_export_job_for_user
from xhht.registry.forms import PersonForm
from xhht.registry.models import Clan, Household, Person, Unit
from xhht.registry.specs import REGISTRIES

PAGE_SIZE = 50


@require_safe
@login_required
def record_list(request: HttpRequest, kind: str) -> HttpResponse:
    registry = REGISTRIES[kind]
    user = user_of(request)
    require(user, Capability.VIEW)
    filterset = registry.filterset(
        request.GET or None, queryset=registry.list_queryset(user), request=request
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "registry": registry,
        "filter": filterset,
        "page": page,
        "can_manage": can(user, Capability.MANAGE_REGISTRY),
        "table": f"registry/_{kind}_table.html",
    }
    template = "registry/_rows.html" if request.htmx else "registry/list.html"  # type: ignore[attr-defined]  # set by django-htmx's middleware
    return render(request, template, context)


#: The learning title a record's page offers to register ("Đăng ký danh hiệu"), by title code:
#: recognition's, named here because the registry does not import it (layers).
REGISTER_TITLE = {"household": "family", "clan": "clan", "unit": "unit", "person": "citizen"}


@require_safe
@login_required
def record_detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    registry = REGISTRIES[kind]
    user = user_of(request)
    record = registry.get_for_user(user, pk)
    context: dict[str, Any] = {"registry": registry, "record": record}
    context.update(_detail_context(user, record))
    context["can_edit"] = can(user, Capability.MANAGE_REGISTRY, record.audit_place())
    if can(user, Capability.ASSESS, record.audit_place()):
        context["register_title"] = REGISTER_TITLE.get(kind, "")
    return render(request, f"registry/{kind}_detail.html", context)


def _detail_context(user: User, record: Any) -> dict[str, Any]:
    if isinstance(record, Household):
        return {
            "members": record.members.order_by("sort_key", "id"),
            # The PCGD–XMC survey screen of the household is for who enters it there.
            "may_enter_schooling": can(user, Capability.MANAGE_PCGD, record.place),
        }
    if isinstance(record, Person):
        return {"cccd": shown_cccd(user, record)}
    if isinstance(record, Clan):
        households = Household.objects.visible_to(user).filter(clans=record).select_related("place")
        return {"households": households.order_by("sort_key", "id")}
    if isinstance(record, Unit):
        staff = Person.objects.visible_to(user).filter(unit=record)
        return {"staff": staff.select_related("place").order_by("sort_key", "id")[:200]}
    return {}


def shown_cccd(user: User, person: Person) -> str:
    """The CCCD as this user may see it; every opening of a person's record is audited."""
    record_step(
        actor=user,
        obj=person,
        step="view_person",
        place=person.place,
        action=AuditEntry.Action.VIEW,
    )
    if can(user, Capability.VIEW_PERSONAL_ID, person.place):
        return person.cccd()
    return person.masked_cccd()


@sensitive_post_parameters("cccd", "representative_cccd")
@login_required
@require_http_methods(["GET", "POST"])
def record_create(request: HttpRequest, kind: str) -> HttpResponse:
    registry = REGISTRIES[kind]
    user = user_of(request)
    require(user, Capability.MANAGE_REGISTRY)
    form = registry.form(request.POST or None, user=user)  # type: ignore[call-arg]  # every registry form takes the user
    if request.method == "POST" and form.is_valid() and (record := _save(form)) is not None:
        messages.success(request, _("Đã thêm “%(name)s”.") % {"name": record})
        return redirect(f"registry:{kind}_detail", pk=record.pk)
    return render(request, "registry/form.html", {"registry": registry, "form": form})


@sensitive_post_parameters("cccd", "representative_cccd")
@login_required
@require_http_methods(["GET", "POST"])
def record_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    registry = REGISTRIES[kind]
    user = user_of(request)
    record = registry.get_for_user(user, pk, Capability.MANAGE_REGISTRY)
    form = registry.form(request.POST or None, instance=record, user=user)  # type: ignore[call-arg]  # every registry form takes the user
    if request.method == "POST" and form.is_valid() and (saved := _save(form)) is not None:
        messages.success(request, _("Đã lưu “%(name)s”.") % {"name": saved})
        return redirect(f"registry:{kind}_detail", pk=saved.pk)
    context = {"registry": registry, "form": form, "record": record}
    return render(request, "registry/form.html", context)


def _save(form: Any) -> Any | None:
    """Save in one transaction; None (with the form's error) when the CCCD is stored already.

    The form checked the number only against the people whose number the user may see; one
    stored anywhere else stops the write here, with a message that names no one.
    """
    number = form.cleaned_data.get("cccd") if isinstance(form, PersonForm) else None
    try:
        with transaction.atomic():
            # Every readable key's hash (a key rotation may be under way), not only the index.
            if number and Person.objects.with_cccd(number).exclude(pk=form.instance.pk).exists():
                raise pii_guard.CccdInUse
            return form.save()
    except (IntegrityError, pii_guard.CccdInUse):
        if not number:
            raise
        form.add_error("cccd", pii_guard.cccd_in_use_message())
        return None


@require_safe
@login_required
def record_export(request: HttpRequest, kind: str, fmt: str = "xlsx") -> HttpResponseBase:
    """The current filtered list as XLSX (or CSV, ``fmt``), with only what the user may see: at
    once when short, else as a background job whose page shows its progress and then the
    download."""
    registry = REGISTRIES[kind]
    user = user_of(request)
    require(user, Capability.VIEW)
    query = dict(request.GET.lists())
    query.pop("page", None)
    count = export_rows(kind, query, user).count()
    title = _("Xuất danh sách %(registry)s (%(n)s dòng)") % {
        "registry": str(registry.title).lower(),
        "n": group_thousands(count),
    }
    job = runner.enqueue(
        function=EXPORT_FUNCTION,
        arguments={"kind": kind, "query": query, "fmt": fmt},
        title=title,
        user=user,
    )
    if count > exports.INLINE_ROWS:
        runner.start(job)
        return redirect("registry:export_job", pk=job.pk)
    runner.run(job)
    job.refresh_from_db()
    if job.state != Job.State.DONE:
        return redirect("registry:export_job", pk=job.pk)
    return _download(job)


@require_safe
@login_required
def export_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_export_job_for_user(user_of(request), pk)
    template = "registry/_export_job.html" if request.htmx else "registry/export_job.html"  # type: ignore[attr-defined]  # set by django-htmx's middleware
    return render(request, template, {"job": job})


@require_safe
@login_required
def export_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    job = get_export_job_for_user(user_of(request), pk)
    if job.state != Job.State.DONE:
        return redirect("registry:export_job", pk=job.pk)
    if not job.result_value("file"):
        messages.error(request, _("Tệp xuất đã hết hạn và được xóa; hãy xuất lại danh sách."))
        return redirect("registry:export_job", pk=job.pk)
    return _download(job)


def _download(job: Job) -> FileResponse:
    stored = default_storage.open(job.result_value("file"), "rb")
    csv = job.result_value("format") == "csv"
    content_type = "text/csv; charset=utf-8" if csv else XLSX_TYPE
    return file_response(stored, filename=job.result_value("filename"), content_type=content_type)
