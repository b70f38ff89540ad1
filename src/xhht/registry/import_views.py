"""Import pages: upload → background check → preview → “Xác nhận nhập” → background write.

The uploaded file is kept under MEDIA_ROOT/imports/ with a random token between the preview and
the confirmation (the confirmation never trusts a second upload) and deleted once used.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from xhht.accounts.access import Capability, home_place, require
from xhht.accounts.models import User
from xhht.core.downloads import file_name
from xhht.core.http import user_of, xlsx_response
from xhht.core.sheets import Column, Sheet, workbook_bytes
from xhht.jobs import runner
from xhht.jobs.models import Job
from xhht.places.models import Level
from xhht.registry import sheet_columns
from xhht.registry.access import get_import_job_for_user, places_for
from xhht.registry.filters import PlaceChoiceField
from xhht.registry.imports import clans, households, units
from xhht.registry.imports.common import store_upload
from xhht.registry.specs import REGISTRIES

IMPORT_FUNCTION = "xhht.registry.imports.jobs.run_import"
FORMATS = {"household": households, "unit": units, "clan": clans}


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp XLSX"))

    def __init__(self, *args: object, user: User, kind: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # Form's own arguments, passed on
        levels = [Level.COMMUNE, Level.HAMLET] + ([Level.PROVINCE] if kind == "unit" else [])
        if kind == "clan":  # a clan registers in a commune: import into a commune or a province
            levels = [Level.PROVINCE, Level.COMMUNE]
        places = places_for(user, Capability.MANAGE_REGISTRY, *levels)
        self.fields["place"] = PlaceChoiceField(
            queryset=places,
            label=gettext_lazy("Nhập vào địa bàn"),
            help_text=gettext_lazy("Mọi dòng của tệp phải thuộc địa bàn này."),
        )
        if places.count() == 1:
            self.initial["place"] = places.first()

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        head = upload.read(4)
        upload.seek(0)
        if head != b"PK\x03\x04":
            raise forms.ValidationError(
                _("Tệp không phải bảng tính XLSX. Hãy lưu tệp dưới dạng .xlsx rồi tải lên lại.")
            )
        if upload.size > settings.XHHT_MAX_SHEET_BYTES:
            raise forms.ValidationError(
                _("Tệp quá lớn (%(size)s MB); giới hạn là %(limit)s MB.")
                % {
                    "size": upload.size // (1024 * 1024),
                    "limit": settings.XHHT_MAX_SHEET_BYTES // (1024 * 1024),
                }
            )
        return upload


def _importable(kind: str) -> None:
    if kind not in FORMATS:
        raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def record_import(request: HttpRequest, kind: str) -> HttpResponse:
    _importable(kind)
    user = user_of(request)
    require(user, Capability.MANAGE_REGISTRY)
    form = ImportForm(request.POST or None, request.FILES or None, user=user, kind=kind)
    if request.method == "POST" and form.is_valid():
        token = store_upload(form.cleaned_data["file"])
        place = form.cleaned_data["place"]
        job = runner.enqueue(
            function=IMPORT_FUNCTION,
            arguments={"kind": kind, "token": token, "place_id": place.pk, "write": False},
            title=_("Kiểm tra tệp nhập %(what)s – %(place)s")
            % {"what": REGISTRIES[kind].title, "place": place.name},
            user=user,
        )
        runner.start(job)
        return redirect("registry:import_job", pk=job.pk)
    context = {"registry": REGISTRIES[kind], "form": form, "guide": FORMATS[kind].GUIDE}
    return render(request, "registry/import.html", context)


@require_safe
@login_required
def record_template(request: HttpRequest, kind: str) -> HttpResponse:
    _importable(kind)
    user = user_of(request)
    require(user, Capability.MANAGE_REGISTRY)
    title = _("Mẫu nhập %(what)s") % {"what": str(REGISTRIES[kind].title).lower()}
    content = workbook_bytes(
        [
            Sheet(
                _("Dữ liệu"),
                sheet_columns.template_columns(kind),
                title=sheet_columns.sheet_title(title, home_place(user)),
            ),
            Sheet(
                _("Hướng dẫn"),
                [Column(_("Cột"), width=26), Column(_("Cách ghi"), width=100)],
                FORMATS[kind].GUIDE,
            ),
        ]
    )
    return xlsx_response(content, file_name(sheet_columns.TEMPLATE_FILES[kind], extension="xlsx"))


@require_safe
@login_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_import_job_for_user(user_of(request), pk)
    context = {"job": job, "confirmed": _confirmation_of(job)}
    template = "registry/_job.html" if request.htmx else "registry/job.html"  # type: ignore[attr-defined]  # set by django-htmx's middleware
    return render(request, template, context)


@login_required
@require_POST
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    preview = get_import_job_for_user(user, pk)
    arguments = dict(preview.arguments)
    if arguments.get("write") or preview.state != Job.State.DONE or not preview.result_value("ok"):
        return redirect("registry:import_job", pk=preview.pk)
    existing = _confirmation_of(preview)
    if existing is not None:  # a second click: show the import already under way, or run
        runner.retry(job=existing, user=user)  # again the one whose process died
        return redirect("registry:import_job", pk=existing.pk)
    job = runner.enqueue(
        function=IMPORT_FUNCTION,
        arguments={**arguments, "write": True, "preview": preview.pk},
        title=preview.title.replace(_("Kiểm tra tệp nhập"), _("Nhập")),
        user=user,
    )
    runner.start(job)
    return redirect("registry:import_job", pk=job.pk)


def _confirmation_of(job: Job) -> Job | None:
    if job.arguments.get("write"):
        return None
    return Job.objects.filter(created_by=job.created_by, arguments__preview=job.pk).first()
