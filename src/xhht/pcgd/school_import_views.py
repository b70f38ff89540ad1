"""Importing a school's list: the template, the upload with its preview (every row checked, in
the request: a school's list is a few thousand rows and the read is bounded), and the
confirmation, which re-reads the kept file (never a second upload) and writes all or nothing."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from xhht.accounts.access import Capability, home_place
from xhht.accounts.models import User
from xhht.core.downloads import file_name
from xhht.core.http import user_of, xlsx_response
from xhht.core.sheets import Column, Sheet, workbook_bytes
from xhht.pcgd import entry
from xhht.pcgd import school_import as importer
from xhht.pcgd.access import communes_for, get_commune_for_user
from xhht.pcgd.models import current_school_year, school_year_label
from xhht.registry.filters import PlaceChoiceField
from xhht.registry.import_views import ImportForm
from xhht.registry.imports.common import delete_upload, open_upload, store_upload
from xhht.registry.sheet_columns import sheet_title

#: The session key of the kept upload between the preview and the confirmation.
SESSION_KEY = "pcgd_school_import"
MAX_SHOWN = 500


def _require_commune(user: User) -> None:
    """The schools' lists are imported for a commune: ``MANAGE_PCGD`` held at a commune (or above);
    a hamlet head, who holds it at the hamlet, has no commune to import for."""
    if not communes_for(user, Capability.MANAGE_PCGD).exists():
        raise PermissionDenied


class SchoolListForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp XLSX danh sách học sinh"))
    clean_file = ImportForm.clean_file

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # Form's own arguments, passed on
        communes = communes_for(user, Capability.MANAGE_PCGD)
        self.fields["commune"] = PlaceChoiceField(
            queryset=communes,
            label=gettext_lazy("Xã, phường"),
            help_text=gettext_lazy("Học sinh được tìm trong sổ đăng ký của xã này."),
        )
        if communes.count() == 1:
            self.initial["commune"] = communes.first()


def _preview(
    request: HttpRequest, outcome: importer.SchoolListCheck, commune_name: str
) -> HttpResponse:
    context = {
        "outcome": outcome,
        "problems": sorted(outcome.result.problems, key=lambda p: p.row)[:MAX_SHOWN],
        "unmatched": outcome.unmatched[:MAX_SHOWN],
        "counts": outcome.counts(),
        "commune_name": commune_name,
        "year_label": school_year_label(current_school_year()),
    }
    return render(request, "pcgd/import_preview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def import_school(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    _require_commune(user)
    form = SchoolListForm(request.POST or None, request.FILES or None, user=user)
    if request.method == "POST" and form.is_valid():
        commune = form.cleaned_data["commune"]
        upload = form.cleaned_data["file"]
        outcome = importer.check(upload, user=user, commune=commune)
        if outcome.result.file_error:
            form.add_error("file", outcome.result.file_error)
        else:
            previous = request.session.get(SESSION_KEY)
            if previous:
                delete_upload(previous["token"])
            token = store_upload(upload)
            request.session[SESSION_KEY] = {"token": token, "commune": commune.pk}
            return _preview(request, outcome, commune.name)
    context = {"form": form, "guide": importer.GUIDE}
    return render(request, "pcgd/import_school.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    _require_commune(user)
    kept = request.session.get(SESSION_KEY)
    if not kept:
        messages.error(request, _("Không còn tệp đã kiểm tra; hãy tải tệp lên lại."))
        return redirect("pcgd:import_school")
    commune = get_commune_for_user(user, kept["commune"], Capability.MANAGE_PCGD)
    with open_upload(kept["token"]) as upload:
        outcome = importer.check(upload, user=user, commune=commune)
    skip = request.POST.get("skip_unmatched") == "1"
    try:
        counts = importer.write(outcome, user=user, commune=commune, skip_unmatched=skip)
    except entry.EntryRefused as refused:
        messages.error(request, refused.message)
        for problem in refused.problems:
            messages.error(request, problem)
        return _preview(request, outcome, commune.name)
    delete_upload(kept["token"])
    del request.session[SESSION_KEY]
    messages.success(
        request,
        _(
            "Đã nhập danh sách: %(create)s người mới có phiếu, %(update)s người được cập nhật, "
            "%(unchanged)s người không đổi, %(skipped)s dòng bỏ qua."
        )
        % {**counts, "skipped": len(outcome.unmatched)},
    )
    return redirect("pcgd:import_school")


@require_safe
@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    """The columns with a title row, a status dropdown, an example row and the guide."""
    user = user_of(request)
    _require_commune(user)
    year = school_year_label(current_school_year()).replace("–", "-")
    statuses = [label for _key, label in importer.STATUS_LABELS]
    widths = {"full_name": 30, "school": 34, "hamlet": 22, "status": 16}
    columns = [
        Column(title, width=widths.get(key, 14), choices=statuses if key == "status" else ())
        for key, title in importer.COLUMNS
    ]
    content = workbook_bytes(
        [
            Sheet(
                _("Danh sách học sinh"),
                columns,
                title=sheet_title(
                    _("Danh sách học sinh năm học %(y)s") % {"y": year}, home_place(user)
                ),
            ),
            Sheet(
                _("Hướng dẫn"),
                [Column(_("Cột"), width=26), Column(_("Cách ghi"), width=100)],
                importer.GUIDE,
            ),
        ]
    )
    return xlsx_response(content, file_name("mau-danh-sach-hoc-sinh", extension="xlsx"))
