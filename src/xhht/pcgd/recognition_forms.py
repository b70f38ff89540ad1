"""The forms of the PCGD–XMC pages: submitting a file, the province's check, return and decision,
and the province's settings (a threshold, a province rule, a ĐBKK commune)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xhht.pcgd.models import Cohort, StandardCode


class SubmitForm(forms.Form):
    """The standards to file for; ``offered`` narrows the boxes to those the commune reaches."""

    codes = forms.MultipleChoiceField(
        label=_("Chuẩn đề nghị công nhận"),
        choices=StandardCode.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Hãy chọn ít nhất một chuẩn để đề nghị công nhận.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, offered: list[tuple[str, str]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if offered is not None:
            codes = self.fields["codes"]
            assert isinstance(codes, forms.MultipleChoiceField)  # noqa: S101 - declared above
            codes.choices = offered


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class CheckForm(VersionForm):
    note = forms.CharField(
        label=_("Nhận xét khi kiểm tra"), required=False, max_length=2000, widget=forms.Textarea
    )


class ReturnForm(VersionForm):
    reason = forms.CharField(
        label=_("Lý do trả lại, nội dung cần bổ sung"),
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": _("Hãy ghi lý do trả lại hồ sơ.")},
    )


class RecogniseForm(VersionForm):
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60)
    decision_date = forms.DateField(
        label=_("Ngày quyết định"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision_date"].initial = timezone.localdate()


def percent_field(label: Any, *, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
    )


class ThresholdForm(forms.Form):
    """A threshold the decree does not give, entered by the province."""

    code = forms.ChoiceField(label=_("Chuẩn"), choices=StandardCode.choices)
    cohort = forms.ChoiceField(label=_("Đối tượng"), choices=Cohort.choices)
    threshold = percent_field(_("Tỷ lệ tối thiểu (%)"))
    hardship_threshold = percent_field(
        _("Tỷ lệ tối thiểu với xã đặc biệt khó khăn (%)"), required=False
    )
    source = forms.CharField(
        label=_("Căn cứ (văn bản của tỉnh)"),
        max_length=500,
        error_messages={"required": _("Hãy ghi căn cứ của ngưỡng tỉnh nhập.")},
    )


class ProvinceRuleForm(forms.Form):
    code = forms.ChoiceField(label=_("Chuẩn"), choices=StandardCode.choices)
    share = percent_field(_("Tỷ lệ xã đạt chuẩn tối thiểu (%)"))
    basis = forms.CharField(label=_("Căn cứ"), max_length=500)


class HardshipForm(forms.Form):
    commune = forms.IntegerField(widget=forms.HiddenInput)
    hardship = forms.BooleanField(label=_("Xã đặc biệt khó khăn"), required=False)
    basis = forms.CharField(label=_("Căn cứ"), max_length=300, required=False)
