"""The campaign forms: opening one (the place's officer) and a commune's or body's report (a
phone: one column, a few fields)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from xhht.accounts.access import Capability, visible_places
from xhht.accounts.models import User
from xhht.centres.campaigns import OPENING_LEVELS
from xhht.centres.models import Campaign, LearningClass
from xhht.registry.filters import PlaceChoiceField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CampaignForm(forms.Form):
    place = PlaceChoiceField(queryset=None, label=_("Cấp phát động"))
    kind = forms.ChoiceField(label=_("Loại"), choices=Campaign.Kind.choices)
    name = forms.CharField(
        label=_("Tên đợt"),
        max_length=250,
        help_text=_("Ví dụ: Tuần lễ hưởng ứng học tập suốt đời năm 2026."),
    )
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    start_date = forms.DateField(label=_("Ngày bắt đầu"), widget=DATE)
    end_date = forms.DateField(label=_("Ngày kết thúc"), widget=DATE)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        places = visible_places(user, Capability.RECEIVE_REPORTS).current()
        self.fields["place"].queryset = places.filter(level__in=OPENING_LEVELS).order_by("path")  # type: ignore[attr-defined]  # a ModelChoiceField


class CampaignReportForm(forms.Form):
    description = forms.CharField(
        label=_("Các hoạt động đã tổ chức"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=5000,
        help_text=_("Ví dụ: lễ phát động, hội sách, lớp kỹ năng số, tọa đàm."),
    )
    participants = forms.IntegerField(
        label=_("Số người tham gia"),
        min_value=0,
        max_value=10_000_000,
        initial=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": "0"}),
    )
    classes = forms.ModelMultipleChoiceField(
        label=_("Lớp học, hoạt động đã tổ chức trong đợt"),
        queryset=LearningClass.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, classes: list[LearningClass], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["classes"]
        field.queryset = LearningClass.objects.filter(pk__in=[c.pk for c in classes])  # type: ignore[attr-defined]  # a ModelMultipleChoiceField
        if not classes:
            field.widget = forms.MultipleHiddenInput()
