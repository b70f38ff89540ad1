from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from xhht.indicators.models import Indicator
from xhht.places.models import Place
from xhht.plans.models import Plan, Target

MAX_UPLOAD = 10 * 1024 * 1024


class PlanUploadForm(forms.Form):
    place = forms.ModelChoiceField(queryset=Place.objects.none(), label=_("Địa bàn của kế hoạch"))
    file = forms.FileField(label=_("Văn bản kế hoạch (DOCX, TXT, MD)"))

    def __init__(self, *args: Any, places: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places  # type: ignore[attr-defined]  # fields are typed Field; this one is a ModelChoiceField

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Tệp quá lớn (tối đa 10 MB)."))
        return upload


class PlanHeaderForm(forms.Form):
    number = forms.CharField(label=_("Số hiệu"), max_length=60, required=False)
    date = forms.DateField(
        label=_("Ngày ban hành"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(format="%d/%m/%Y"),
    )
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=200)
    title = forms.CharField(label=_("Trích yếu"), max_length=500, required=False)
    period_start = forms.IntegerField(label=_("Từ năm"), min_value=2000, max_value=2100)
    period_end = forms.IntegerField(label=_("Đến năm"), min_value=2000, max_value=2100)


class TargetForm(forms.Form):
    keep = forms.BooleanField(label=_("Nhận"), required=False, initial=True)
    indicator = forms.ModelChoiceField(
        queryset=Indicator.objects.all(),
        to_field_name="code",
        label=_("Chỉ tiêu"),
        required=False,
        empty_label=_("— chọn chỉ tiêu trong danh mục —"),
    )
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    value = forms.DecimalField(
        label=_("Giá trị"), required=False, max_digits=12, decimal_places=2, localize=True
    )
    kind = forms.ChoiceField(label=_("Dạng"), choices=Target.Kind.choices)
    parent = forms.CharField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("keep") and not data.get("indicator"):
            self.add_error(
                "indicator",
                _("Chỉ tiêu này chưa có trong danh mục: chọn chỉ tiêu tương ứng hoặc bỏ “Nhận”."),
            )
        return data


TargetFormSet = forms.formset_factory(TargetForm, extra=0)

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_DATE = re.compile(r"(?:trước ngày\s*)?(\d{1,2})/(\d{1,2})/(\d{4})")
_QUARTER = re.compile(r"quý\s+(IV|I{1,3}|[1-4])\s*(?:/|năm)\s*(\d{4})", re.IGNORECASE)
_YEARLY = re.compile(r"h[àằ]ng năm,?\s*(?:trước\s*)?(?:ngày\s*)?(\d{1,2})/(\d{1,2})")
DEADLINE_HELP = _("Để trống nếu không có; ví dụ: “31/12/2024”, “quý III/2024”, “hằng năm 01/12”.")


def parse_deadline(text: str) -> dict[str, Any]:
    """A deadline as the officer writes it, as the fields of ``reporting.models.Task``."""
    words = " ".join(unicodedata.normalize("NFC", text).lower().split()).strip(" .")
    if not words or words in {"không", "không có", "-", "—"}:
        return {"deadline_kind": "none"}
    if match := _DATE.fullmatch(words):
        try:
            day = datetime.date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            raise forms.ValidationError(_("Ngày %(d)s không có.") % {"d": text}) from None
        return {"deadline_kind": "date", "deadline_date": day}
    if match := _QUARTER.fullmatch(words):
        quarter = ROMAN.get(match[1].upper()) or int(match[1])
        return {
            "deadline_kind": "quarter",
            "deadline_quarter": quarter,
            "deadline_year": int(match[2]),
        }
    if match := _YEARLY.fullmatch(words):
        yearly_day, yearly_month = int(match[1]), int(match[2])
        try:
            datetime.date(2024, yearly_month, yearly_day)
        except ValueError:
            raise forms.ValidationError(_("Ngày %(d)s không có.") % {"d": text}) from None
        return {"deadline_kind": "yearly", "yearly_day": yearly_day, "yearly_month": yearly_month}
    raise forms.ValidationError(_("Thời hạn chưa rõ. %(help)s") % {"help": DEADLINE_HELP})


def deadline_words(task: Any) -> str:
    """The deadline of a ``TaskData`` as the confirm page shows it (``parse_deadline`` reads it)."""
    if task.deadline_kind == "date" and task.deadline_date:
        return f"{task.deadline_date:%d/%m/%Y}"
    if task.deadline_kind == "quarter" and task.deadline_quarter in (1, 2, 3, 4):
        roman = {v: k for k, v in ROMAN.items()}[task.deadline_quarter]
        return f"quý {roman}/{task.deadline_year}"
    if task.deadline_kind == "yearly" and task.yearly_day and task.yearly_month:
        return f"hằng năm {task.yearly_day:02d}/{task.yearly_month:02d}"
    return ""


def split_names(text: str) -> list[str]:
    """Body names separated by ";" (a name may hold commas: "Sở Văn hóa, Thể thao và Du lịch")."""
    return [name.strip() for name in text.split(";") if name.strip()]


class TaskForm(forms.Form):
    keep = forms.BooleanField(label=_("Nhận"), required=False, initial=True)
    lead = forms.CharField(
        label=_("Cơ quan chủ trì"),
        max_length=250,
        required=False,
        widget=forms.TextInput(attrs={"list": "plan-bodies"}),
    )
    supporting = forms.CharField(
        label=_("Cơ quan phối hợp (cách nhau bởi dấu ;)"), required=False, max_length=2000
    )
    text = forms.CharField(
        label=_("Nội dung nhiệm vụ"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    deadline = forms.CharField(
        label=_("Thời hạn"), required=False, max_length=60, help_text=DEADLINE_HELP
    )
    group = forms.CharField(required=False, widget=forms.HiddenInput)
    targets = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("keep"):
            return data
        if not (data.get("lead") or "").strip():
            self.add_error("lead", _("Nhập cơ quan chủ trì hoặc bỏ “Nhận”."))
        if not (data.get("text") or "").strip():
            self.add_error("text", _("Cần nội dung nhiệm vụ."))
        try:
            data["deadline_fields"] = parse_deadline(data.get("deadline") or "")
        except forms.ValidationError as error:
            self.add_error("deadline", error)
        return data


TaskFormSet = forms.formset_factory(TaskForm, extra=0)

FREQUENCIES = [
    ("yearly", _("Hằng năm")),
    ("half_yearly", _("6 tháng")),
    ("quarterly", _("Hằng quý")),
]


class ReportForm(forms.Form):
    keep = forms.BooleanField(label=_("Nhận"), required=False, initial=True)
    name = forms.CharField(label=_("Tên báo cáo"), max_length=300, required=False)
    reporters = forms.CharField(
        label=_("Cơ quan phải báo cáo (cách nhau bởi dấu ;)"), required=False, max_length=5000
    )
    receiver = forms.CharField(label=_("Gửi đến"), max_length=300, required=False)
    frequency = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=FREQUENCIES)
    due = forms.CharField(
        label=_("Hạn gửi hằng năm (ngày/tháng)"), max_length=5, required=False, initial="01/12"
    )
    first_year = forms.IntegerField(
        label=_("Mở kỳ đầu: năm"), min_value=2000, max_value=2100, required=False
    )
    first_due = forms.DateField(
        label=_("Mở kỳ đầu: hạn gửi"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(format="%d/%m/%Y"),
    )
    receiver_body = forms.CharField(required=False, widget=forms.HiddenInput)
    reporter_level = forms.CharField(required=False, widget=forms.HiddenInput)
    due_days_after = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("keep"):
            return data
        if not (data.get("name") or "").strip():
            self.add_error("name", _("Cần tên báo cáo."))
        if not split_names(data.get("reporters") or "") and not data.get("reporter_level"):
            self.add_error("reporters", _("Nhập ít nhất một cơ quan phải báo cáo."))
        match = re.fullmatch(r"(\d{1,2})/(\d{1,2})", (data.get("due") or "01/12").strip())
        try:
            if match is None:
                raise ValueError
            datetime.date(2024, int(match[2]), int(match[1]))
            data["due_day"], data["due_month"] = int(match[1]), int(match[2])
        except ValueError:
            self.add_error("due", _("Hạn gửi ghi theo ngày/tháng, ví dụ “15/12”."))
        if (data.get("first_year") is None) != (data.get("first_due") is None):
            self.add_error("first_due", _("Để mở kỳ đầu cần cả năm và hạn gửi."))
        return data


ReportFormSet = forms.formset_factory(ReportForm, extra=0)


class ParentForm(forms.Form):
    parent = forms.ModelChoiceField(
        queryset=Plan.objects.none(),
        label=_("Kế hoạch cấp trên mà kế hoạch này thực hiện"),
        required=False,
        empty_label=_("— không có —"),
    )

    def __init__(self, *args: Any, plans: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = plans  # type: ignore[attr-defined]  # fields are typed Field; this one is a ModelChoiceField
