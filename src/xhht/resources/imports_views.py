"""The officers' import of a list of resources (``imports``): upload → every row checked (a
Vietnamese message per bad row, nothing kept) → a preview of what will be created → confirm.

The checked rows wait in the session between the preview and the confirmation (at most
``imports.MAX_ROWS`` rows of text), keyed by a random id the confirmation must send back; the
confirmation checks them again (the catalogue of topics may have changed) and creates them all
or none."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from xhht.accounts.access import Capability, require
from xhht.accounts.models import Body, User
from xhht.centres.models import Centre
from xhht.core.http import user_of, xlsx_response
from xhht.core.sheets import SheetImportResult, workbook_bytes
from xhht.resources import imports
from xhht.resources.access import contributor_bodies, contributor_centres

SESSION_KEY = "xhht_resources_import"


class ImportForm(forms.Form):
    contributor = forms.ChoiceField(label=gettext_lazy("Đơn vị cung cấp"))
    file = forms.FileField(
        label=gettext_lazy("Tệp XLSX hoặc CSV"),
        help_text=gettext_lazy("Tối đa 500 dòng học liệu; tệp CSV lưu với bảng mã UTF-8."),
    )
    submit = forms.BooleanField(
        label=gettext_lazy("Gửi duyệt luôn sau khi nhập (không giữ ở dạng bản nháp)"),
        required=False,
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.centres = {c.pk: c for c in contributor_centres(user)}
        self.bodies = {b.pk: b for b in contributor_bodies(user)}
        field: Any = self.fields["contributor"]
        field.choices = [
            (f"centre-{c.pk}", f"{c.name} ({c.place.name})") for c in self.centres.values()
        ] + [(f"body-{b.pk}", f"{b.name} ({b.place.name})") for b in self.bodies.values()]

    def contributor_of(self, value: str) -> tuple[Centre | None, Body | None]:
        kind, _sep, pk = value.partition("-")
        if kind == "centre" and pk.isdigit() and int(pk) in self.centres:
            return self.centres[int(pk)], None
        if kind == "body" and pk.isdigit() and int(pk) in self.bodies:
            return None, self.bodies[int(pk)]
        return None, None


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.CONTRIBUTE_RESOURCES)
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request, user)
    form = ImportForm(request.POST or None, request.FILES or None, user=user)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        centre, body = form.contributor_of(form.cleaned_data["contributor"])
        place = centre.place if centre is not None else body.place if body is not None else None
        result = SheetImportResult()
        rows = imports.read_rows(form.cleaned_data["file"], result)
        checked = imports.check_rows(rows, place=place) if result.ok and place else None
        if checked is not None:
            checked.result.problems[:0] = result.problems
        else:
            checked = imports.Checked(result=result)
        context["checked"] = checked
        if not checked.ok:
            return render(request, "resources/import.html", context, status=400)
        key = secrets.token_urlsafe(16)
        request.session[SESSION_KEY] = {
            "key": key,
            "contributor": form.cleaned_data["contributor"],
            "submit": form.cleaned_data["submit"],
            "rows": [[row.number, row.values] for row in checked.rows],
        }
        context.update(
            key=key,
            contributor=centre or body,
            submit=form.cleaned_data["submit"],
            preview=True,
        )
    return render(request, "resources/import.html", context)


def _confirm(request: HttpRequest, user: User) -> HttpResponse:
    pending = request.session.get(SESSION_KEY)
    if not pending or pending.get("key") != request.POST.get("confirm"):
        messages.error(request, _("Bản xem trước đã hết hiệu lực. Hãy tải tệp lên lại."))
        return redirect("resources:import_upload")
    form = ImportForm(user=user)
    centre, body = form.contributor_of(pending["contributor"])
    if centre is None and body is None:  # the officer lost the role since the preview
        raise PermissionDenied
    rows = [(int(number), dict(values)) for number, values in pending["rows"]]
    checked = imports.import_resources(
        user=user, rows=rows, centre=centre, body=body, submit=bool(pending["submit"])
    )
    if not checked.result.ok:
        return render(
            request, "resources/import.html", {"form": form, "checked": checked}, status=400
        )
    del request.session[SESSION_KEY]
    created = checked.result.created
    if pending["submit"]:
        message = _("Đã nhập %(count)s học liệu và gửi người duyệt của tỉnh.")
    else:
        message = _("Đã nhập %(count)s học liệu ở dạng bản nháp.")
    messages.success(request, message % {"count": created})
    return redirect("resources:mine")


@require_safe
@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    require(user_of(request), Capability.CONTRIBUTE_RESOURCES)
    return xlsx_response(workbook_bytes([imports.template_sheet()]), "mau-nhap-hoc-lieu.xlsx")
