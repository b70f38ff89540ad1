"""The profile's forms: the application's facts about the city and one section's two texts."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from xhht.learning_city.actions import PROFILE_FIELDS
from xhht.learning_city.models import CityProfile

MAX_TEXT = 6000


class CityProfileForm(forms.ModelForm[CityProfile]):
    website = forms.URLField(
        label=_("trang thông tin điện tử"), required=False, assume_scheme="https"
    )

    class Meta:
        model = CityProfile
        fields = PROFILE_FIELDS


class SectionTextForm(forms.Form):
    text_vi = forms.CharField(
        label=_("Nội dung tiếng Việt"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    text_en = forms.CharField(
        label=_("Nội dung tiếng Anh"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
