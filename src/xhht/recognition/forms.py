from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xhht.core.numbers import IdField
from xhht.criteria.models import RECOGNITION_TITLE_CHOICES, Title
from xhht.recognition.actions import DecisionData
from xhht.recognition.criteria_link import ItemRow

SUBJECT_CODE_HELP = _(
    "Gia đình: mã hộ; Dòng họ: mã dòng họ; Đơn vị: mã đơn vị; Cộng đồng: mã thôn; "
    "Cộng đồng cấp xã: mã xã; Công dân: số CCCD."
)


def current_year() -> int:
    return timezone.localdate().year


class RegisterForm(forms.Form):
    title = forms.ChoiceField(label=_("Danh hiệu"), choices=RECOGNITION_TITLE_CHOICES)
    subject = IdField(required=False, widget=forms.HiddenInput)
    code = forms.CharField(
        label=_("Mã đối tượng"), max_length=40, required=False, help_text=SUBJECT_CODE_HELP
    )
    year = forms.IntegerField(label=_("Năm"), min_value=2021, max_value=2030, initial=current_year)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("subject") and not (data.get("code") or "").strip():
            self.add_error(
                "code",
                _("Hãy tìm và chọn đối tượng ở trên, hoặc nhập mã của đối tượng."),
            )
        return data


class ReasonForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class EvidenceForm(forms.Form):
    item_code = forms.CharField(label=_("Chỉ báo"), max_length=40)
    file = forms.FileField(
        label=_("Ảnh chụp hoặc tệp PDF"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
    )


def marks_from_post(data: Any, items: list[ItemRow], note_key: str) -> dict[str, dict[str, Any]]:
    """{code: {"points"|"met", note_key}} from fields named points-<code>, met-<code>, note-<code>."""
    marks: dict[str, dict[str, Any]] = {}
    for item in items:
        mark: dict[str, Any] = {note_key: data.get(f"note-{item.code}", "")}
        if item.kind == "pass_fail":
            mark["met"] = data.get(f"met-{item.code}") or None
        else:
            mark["points"] = data.get(f"points-{item.code}", "")
        marks[item.code] = mark
    return marks


class DecisionForm(forms.Form):
    number = forms.CharField(
        label=_("Số, ký hiệu"), max_length=60, help_text=_("Ví dụ: 15/QĐ-UBND")
    )
    date = forms.DateField(label=_("Ngày ký"), widget=forms.DateInput(attrs={"type": "date"}))
    parent_body = forms.CharField(
        label=_("Cơ quan chủ quản (nếu có)"), max_length=200, required=False
    )
    issuing_body = forms.CharField(label=_("Cơ quan ban hành"), max_length=200)
    place_name = forms.CharField(
        label=_("Địa danh"), max_length=100, help_text=_("Ví dụ: Ninh Kiều")
    )
    signer_position = forms.CharField(
        label=_("Chức vụ người ký"), max_length=100, initial="CHỦ TỊCH"
    )
    signer_name = forms.CharField(label=_("Người ký"), max_length=150)
    valid_until = forms.DateField(
        label=_("Hiệu lực đến (nếu có)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_date(self) -> datetime.date:
        value: datetime.date = self.cleaned_data["date"]
        if value > timezone.localdate() + datetime.timedelta(days=31):
            raise forms.ValidationError(_("Ngày ký không được quá một tháng sau hôm nay."))
        return value

    def data_object(self) -> DecisionData:
        c = self.cleaned_data
        return DecisionData(
            number=c["number"],
            date=c["date"],
            signer_name=c["signer_name"],
            signer_position=c["signer_position"],
            issuing_body=c["issuing_body"],
            parent_body=c["parent_body"],
            place_name=c["place_name"],
            valid_until=c["valid_until"],
        )


class SheetImportForm(forms.Form):
    title = forms.ChoiceField(
        label=_("Danh hiệu"),
        choices=[(Title.FAMILY, Title.FAMILY.label), (Title.CITIZEN, Title.CITIZEN.label)],
    )
    year = forms.IntegerField(label=_("Năm"), min_value=2021, max_value=2030, initial=current_year)
    file = forms.FileField(label=_("Tệp XLSX phiếu đánh giá của thôn"))
