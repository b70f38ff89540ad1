from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from xhht.criteria.definition import SetDefinition


class YamlForm(forms.Form):
    text = forms.CharField(
        label=_("Bộ tiêu chí (YAML)"),
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "false"}),
    )
    reason = forms.CharField(label=_("Lý do thay đổi"), required=False, max_length=300)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp YAML hoặc XLSX"))


def _points_field(label: str) -> forms.DecimalField:
    return forms.DecimalField(label=label, required=False, min_value=Decimal(0), decimal_places=2)


class FillForm(forms.Form):
    """One field per number the template still lacks; leaving a field empty keeps it unknown."""

    reason = forms.CharField(
        label=_("Căn cứ (văn bản của tỉnh)"),
        max_length=300,
        help_text=_("Số hiệu văn bản của tỉnh quy định các giá trị này."),
    )

    def __init__(self, *args: Any, definition: SetDefinition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.targets: dict[str, tuple[str, ...]] = {}
        for c_index, criterion in enumerate(definition.criteria):
            if criterion.has_points and criterion.max_points is None and not criterion.items:
                continue
            for i_index, item in enumerate(criterion.items):
                if item.kind == "points" and item.max_points is None:
                    name = f"item_{c_index}_{i_index}"
                    self.fields[name] = _points_field(
                        f"Điểm tối đa — tiêu chí {criterion.code}, chỉ báo {item.code}: {item.text}"
                    )
                    self.targets[name] = ("item", str(c_index), str(i_index))
            if criterion.has_points and criterion.min_points is None:
                name = f"min_{c_index}"
                self.fields[name] = _points_field(
                    f"Điểm tối thiểu của tiêu chí {criterion.code} (nếu văn bản có quy định)"
                )
                self.targets[name] = ("min", str(c_index))
        if definition.uses_points and definition.pass_mark is None:
            self.fields["pass_mark"] = _points_field(
                "Điểm chuẩn (tổng điểm tối thiểu để công nhận)"
            )
            self.targets["pass_mark"] = ("pass_mark",)
        for b_index, band in enumerate(definition.bands):
            if band.min_total is None:
                name = f"band_{b_index}"
                self.fields[name] = _points_field(f"Điểm tối thiểu của xếp loại “{band.name}”")
                self.targets[name] = ("band", str(b_index))
        self.fields["reason"] = self.fields.pop("reason")

    def apply(self, data: dict[str, Any]) -> dict[str, Any]:
        """The set's data with the entered numbers in place."""
        for name, target in self.targets.items():
            value = self.cleaned_data.get(name)
            if value is None:
                continue
            number = int(value) if value == value.to_integral_value() else str(value)
            if target[0] == "item":
                data["criteria"][int(target[1])]["items"][int(target[2])]["max_points"] = number
            elif target[0] == "min":
                data["criteria"][int(target[1])]["min_points"] = number
            elif target[0] == "pass_mark":
                data.setdefault("rules", {})["pass_mark"] = number
            else:
                data["rules"]["bands"][int(target[1])]["min_total"] = number
        return data
