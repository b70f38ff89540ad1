"""Importing a year's classes: the template, the upload (checked and written as a background job,
all or nothing) and the job's page, which only its author sees."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from xhht.accounts.access import Capability, home_place, require
from xhht.accounts.models import User
from xhht.centres import class_import as importer
from xhht.centres.classes_forms import class_centres, class_places, usable_topics
from xhht.centres.models import LearningClass
from xhht.core.downloads import file_name
from xhht.core.http import user_of, xlsx_response
from xhht.core.sheets import Column, Sheet, workbook_bytes
from xhht.jobs import runner
from xhht.jobs.models import Job
from xhht.registry.filters import PlaceChoiceField
from xhht.registry.import_views import ImportForm
from xhht.registry.imports.common import store_upload
from xhht.registry.sheet_columns import sheet_title

IMPORT_FUNCTION = "xhht.centres.class_import_job.run_import"


class ClassImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp XLSX"))
    clean_file = ImportForm.clean_file

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # Form's own arguments, passed on
        places = class_places(user)
        self.fields["place"] = PlaceChoiceField(
            queryset=places,
            label=gettext_lazy("Nhập vào địa bàn"),
            help_text=gettext_lazy("Mọi lớp của tệp phải thuộc địa bàn này."),
        )
        if places.count() == 1:
            self.initial["place"] = places.first()


@login_required
@require_http_methods(["GET", "POST"])
def class_import(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.MANAGE_CLASSES)
    form = ClassImportForm(request.POST or None, request.FILES or None, user=user)
    if request.method == "POST" and form.is_valid():
        token = store_upload(form.cleaned_data["file"])
        place = form.cleaned_data["place"]
        job = runner.enqueue(
            function=IMPORT_FUNCTION,
            arguments={"token": token, "place_id": place.pk},
            title=_("Nhập lớp học – %(place)s") % {"place": place.name},
            user=user,
        )
        runner.start(job)
        return redirect("centres:class_import_job", pk=job.pk)
    context = {"form": form, "guide": importer.GUIDE}
    return render(request, "centres/class_import.html", context)


@require_safe
@login_required
def class_import_template(request: HttpRequest) -> HttpResponse:
    """Two sheets with a title row and dropdowns (topics, centres, status, yes/no), a guide."""
    user = user_of(request)
    require(user, Capability.MANAGE_CLASSES)
    place = home_place(user)
    topics = [t.name for t in usable_topics(user)]
    centres = [c.code for c in class_centres(user)[:500]]
    statuses = [str(label) for _value, label in LearningClass.Status.choices]
    yes_no = [_("Có"), _("Không")]
    choices = {
        "topic": topics,
        "centre": centres,
        "status": statuses,
        "completed": yes_no,
        "certificate": yes_no,
    }
    widths = {"topic": 34, "title": 40, "full_name": 30, "teachers": 30, "partners": 30}

    def columns(spec: list[tuple[str, str]]) -> list[Column]:
        return [
            Column(title, width=widths.get(key, 16), choices=choices.get(key, ()))
            for key, title in spec
        ]

    content = workbook_bytes(
        [
            Sheet(
                _("Lớp học"),
                columns(importer.CLASS_COLUMNS),
                title=sheet_title(_("Lớp học, hoạt động trong năm"), place),
            ),
            Sheet(
                _("Người học"),
                columns(importer.PARTICIPANT_COLUMNS),
                title=sheet_title(_("Người học của các lớp"), place),
            ),
            Sheet(
                _("Hướng dẫn"),
                [Column(_("Cột"), width=34), Column(_("Cách ghi"), width=100)],
                importer.GUIDE,
            ),
        ]
    )
    return xlsx_response(content, file_name("mau-nhap-lop-hoc", extension="xlsx"))


@require_safe
@login_required
def class_import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """Only the author sees the job: its problems may name people of the registry."""
    jobs = Job.objects.filter(created_by=user_of(request), function=IMPORT_FUNCTION)
    job = runner.refreshed(get_object_or_404(jobs, pk=pk))
    template = "centres/_class_import_job.html" if request.htmx else "centres/class_import_job.html"  # type: ignore[attr-defined]  # set by django-htmx's middleware
    return render(request, template, {"job": job})
