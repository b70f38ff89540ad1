"""A branch's member list from XLSX (``members_import``): upload → every row checked (a
Vietnamese message per bad row, nothing kept) → a preview → confirm. The checked rows wait in
the session between the preview and the confirmation, keyed by a random id the confirmation
must send back; the confirmation writes them all or none."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from xhht.accounts.access import require
from xhht.association import members_import
from xhht.association.access import MANAGE, get_branch_for_user
from xhht.association.models import Branch
from xhht.core.http import user_of, xlsx_response
from xhht.core.sheet_writing import workbook_bytes
from xhht.core.sheets import SheetImportResult

SESSION_KEY = "xhht_association_import"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp XLSX danh sách hội viên"),
        help_text=gettext_lazy("Theo tệp mẫu; tối đa 2.000 dòng."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_import(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    branch = get_branch_for_user(user, pk, MANAGE)
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request, branch)
    form = UploadForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form, "branch": branch}
    if request.method == "POST" and form.is_valid():
        result = SheetImportResult()
        rows = members_import.read_rows(form.cleaned_data["file"], result)
        checked = (
            members_import.check_rows(rows, user=user, branch=branch)
            if result.ok
            else members_import.Checked(result=result)
        )
        context["checked"] = checked
        if not checked.ok:
            return render(request, "association/member_import.html", context, status=400)
        key = secrets.token_urlsafe(16)
        request.session[SESSION_KEY] = {
            "key": key,
            "branch": branch.pk,
            "rows": [row.as_session() for row in checked.rows],
        }
        context.update(key=key, preview=True)
    return render(request, "association/member_import.html", context)


def _confirm(request: HttpRequest, branch: Branch) -> HttpResponse:
    user = user_of(request)
    pending = request.session.get(SESSION_KEY)
    if (
        not pending
        or pending.get("key") != request.POST.get("confirm")
        or pending.get("branch") != branch.pk
    ):
        messages.error(request, _("Bản xem trước đã hết hiệu lực. Hãy tải tệp lên lại."))
        return redirect("association:member_import", pk=branch.pk)
    rows = [members_import.MemberRow.from_session(values) for values in pending["rows"]]
    checked = members_import.import_members(user=user, branch=branch, rows=rows)
    if not checked.result.ok:
        context = {"form": UploadForm(), "branch": branch, "checked": checked}
        return render(request, "association/member_import.html", context, status=400)
    del request.session[SESSION_KEY]
    messages.success(request, _("Đã nhập %(count)s hội viên.") % {"count": checked.result.created})
    return redirect("association:branch_detail", pk=branch.pk)


@require_safe
@login_required
def member_template(request: HttpRequest) -> HttpResponse:
    require(user_of(request), MANAGE)
    sheet = members_import.template_sheet()
    return xlsx_response(workbook_bytes([sheet]), "mau-nhap-hoi-vien.xlsx")
