from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from xhht.core.text import fold
from xhht.places.models import HAMLET_KINDS, Level, Place


class HamletForm(forms.ModelForm[Place]):
    kind = forms.ChoiceField(label=_("Loại"), choices=[(k, k) for k in HAMLET_KINDS])

    class Meta:
        model = Place
        fields = ["name", "kind"]
        labels = {"name": _("Tên thôn/tổ dân phố")}

    def __init__(self, *args: Any, commune: Place, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commune = commune

    def clean_name(self) -> str:
        name = " ".join(str(self.cleaned_data["name"]).split())
        if not name:
            raise forms.ValidationError(_("Hãy nhập tên thôn/tổ dân phố."))
        siblings = Place.objects.current().filter(parent=self.commune, level=Level.HAMLET)
        if self.instance.pk:
            siblings = siblings.exclude(pk=self.instance.pk)
        if siblings.filter(search_text=fold(name)).exists():
            raise forms.ValidationError(
                _("Xã đã có thôn/tổ dân phố tên “%(name)s”.") % {"name": name}
            )
        return name


class SheetUploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp XLSX"))
