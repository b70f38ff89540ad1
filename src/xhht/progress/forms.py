from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from xhht.core.numbers import CountField
from xhht.indicators.models import Indicator, Source


class EnteredValueForm(forms.Form):
    indicator = forms.ModelChoiceField(
        queryset=Indicator.objects.exclude(source__in=[Source.RECOGNITIONS, Source.REGISTRY]),
        label=_("Chỉ tiêu"),
    )
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    numerator = CountField(label=_("Số đạt"), required=False)
    denominator = CountField(label=_("Tổng số"), required=False)
    percent = forms.DecimalField(
        label=_("Hoặc tỉ lệ (%)"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        required=False,
        localize=True,
    )
    source_note = forms.CharField(label=_("Nguồn số liệu"), max_length=300, required=False)

    def __init__(self, *args: Any, province: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.exclude(  # type: ignore[attr-defined]  # fields are typed Field; this one is a ModelChoiceField
            source__in=[Source.RECOGNITIONS, Source.REGISTRY]
        ).for_province(province)


class SheetUploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp XLSX"))


class BoundaryUploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp GeoJSON ranh giới xã"))
    code_property = forms.CharField(
        label=_("Thuộc tính chứa mã xã"),
        max_length=100,
        required=False,
        help_text=_("Để trống để tự tìm (ma_xa, code, ma)."),
    )
