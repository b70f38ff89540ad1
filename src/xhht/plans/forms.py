from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from xhht.indicators.models import Indicator
from xhht.places.models import Place
from xhht.plans.models import Target

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
        label=_("Ngày ban hành"), required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"]
    )
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=200)
    title = forms.CharField(label=_("Trích yếu"), max_length=500, required=False)
    period_start = forms.IntegerField(label=_("Từ năm"), min_value=2000, max_value=2100)
    period_end = forms.IntegerField(label=_("Đến năm"), min_value=2000, max_value=2100)


class TargetForm(forms.Form):
    keep = forms.BooleanField(label=_("Nhận"), required=False, initial=True)
    indicator = forms.ModelChoiceField(
        queryset=Indicator.objects.all(), to_field_name="code", label=_("Chỉ tiêu")
    )
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    value = forms.DecimalField(
        label=_("Giá trị"), required=False, max_digits=12, decimal_places=2, localize=True
    )
    kind = forms.ChoiceField(label=_("Dạng"), choices=Target.Kind.choices)
    parent = forms.CharField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(required=False, widget=forms.HiddenInput)


TargetFormSet = forms.formset_factory(TargetForm, extra=0)
