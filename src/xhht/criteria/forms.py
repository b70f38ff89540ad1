from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class YamlForm(forms.Form):
    text = forms.CharField(
        label=_("Bộ tiêu chí (YAML)"),
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "false"}),
    )
    reason = forms.CharField(label=_("Lý do thay đổi"), required=False, max_length=300)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp YAML hoặc XLSX"))
