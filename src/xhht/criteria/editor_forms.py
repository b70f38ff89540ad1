"""The forms of the criteria editor: one small form per thing a province fills in.

Every message says which field and what to do, in Vietnamese; points accept "7,5" as well as
"7.5"; an empty number means "not known yet" (the set then lists it as missing), never zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from xhht.criteria.checks import fmt_points
from xhht.criteria.definition import ItemDef, SetDefinition

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class PointsField(forms.CharField):
    """A number of points, or None when left empty."""

    def __init__(self, *, positive: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 12)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "decimal", "size": 6, "autocomplete": "off"}),
        )
        super().__init__(**kwargs)
        self.positive = positive

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return fmt_points(value).replace(".", ",")
        return value

    def clean(self, value: Any) -> Decimal | None:
        text = str(super().clean(value) or "").strip()
        if not text:
            return None
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            number = Decimal("NaN")
        if not number.is_finite():
            raise ValidationError(
                _("“%(value)s” không phải là số; hãy nhập số điểm, ví dụ 10 hoặc 7,5.")
                % {"value": text}
            )
        if number < 0:
            raise ValidationError(_("Số điểm không được là số âm."))
        if self.positive and number == 0:
            raise ValidationError(_("Điểm tối đa phải lớn hơn 0; để trống nếu chưa biết."))
        return Decimal(int(number)) if number == number.to_integral_value() else number.normalize()


def _code_field(label: StrOrPromise, required_message: StrOrPromise) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=20,
        error_messages={"required": required_message},
        widget=forms.TextInput(attrs={"size": 6, "autocomplete": "off"}),
    )


def _date_field(label: StrOrPromise) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y"),
        error_messages={
            "invalid": gettext_lazy("Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 25/10/2023.")
        },
    )


class BasisForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Tên bộ tiêu chí"),
        max_length=300,
        error_messages={"required": gettext_lazy("Hãy nhập tên bộ tiêu chí.")},
    )
    legal_document = forms.CharField(
        label=gettext_lazy("Số hiệu văn bản"), max_length=200, required=False
    )
    legal_issuer = forms.CharField(
        label=gettext_lazy("Cơ quan ban hành"), max_length=300, required=False
    )
    legal_date = _date_field(gettext_lazy("Ngày ban hành"))
    valid_from = _date_field(gettext_lazy("Hiệu lực từ ngày"))
    valid_to = _date_field(gettext_lazy("Hiệu lực đến ngày"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."))
        return data


class RulesForm(forms.Form):
    pass_mark = PointsField(
        label=gettext_lazy("Điểm chuẩn (tổng điểm tối thiểu để được công nhận)"),
    )
    min_item_points = PointsField(
        label=gettext_lazy("Điểm tối thiểu của mỗi chỉ báo (nếu văn bản quy định)")
    )
    max_total = PointsField(
        positive=True,
        label=gettext_lazy("Tổng điểm tối đa của bộ (nếu văn bản quy định, ví dụ 100)"),
    )


class CriterionForm(forms.Form):
    code = _code_field(gettext_lazy("Mã tiêu chí"), gettext_lazy("Hãy nhập mã tiêu chí."))
    name = forms.CharField(
        label=gettext_lazy("Tên tiêu chí"),
        max_length=300,
        error_messages={"required": gettext_lazy("Hãy nhập tên tiêu chí.")},
    )
    max_points = PointsField(
        positive=True,
        label=gettext_lazy("Điểm tối đa (để trống: bằng tổng điểm các chỉ báo)"),
    )
    min_points = PointsField(label=gettext_lazy("Điểm tối thiểu phải đạt (nếu có)"))
    items_incomplete = forms.BooleanField(
        label=gettext_lazy("Còn chỉ báo chưa xác định (văn bản có nhưng chưa nhập)"), required=False
    )


KIND_CHOICES = [
    ("points", gettext_lazy("Chấm điểm")),
    ("pass_fail", gettext_lazy("Đạt/không đạt")),
]


class ItemForm(forms.Form):
    code = _code_field(gettext_lazy("Mã chỉ báo"), gettext_lazy("Hãy nhập mã chỉ báo."))
    text = forms.CharField(
        label=gettext_lazy("Nội dung chỉ báo"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("Hãy nhập nội dung chỉ báo.")},
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Cách đánh giá"),
        choices=KIND_CHOICES,
        initial="points",
        widget=forms.Select(attrs={"data-item-kind": ""}),
    )
    max_points = PointsField(positive=True, label=gettext_lazy("Điểm tối đa"))
    evidence_hint = forms.CharField(
        label=gettext_lazy("Minh chứng gợi ý"), max_length=500, required=False
    )
    applies_to = forms.MultipleChoiceField(
        label=gettext_lazy("Chỉ dành cho nhóm đối tượng (không chọn: mọi nhóm)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, groups: Sequence[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["applies_to"]
        assert isinstance(field, forms.MultipleChoiceField)  # noqa: S101 - declared above
        field.choices = list(groups)
        if not groups:
            del self.fields["applies_to"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == "pass_fail" and data.get("max_points") is not None:
            self.add_error(
                "max_points",
                _(
                    "Chỉ báo đạt/không đạt không có điểm: để trống điểm tối đa hoặc chọn “Chấm điểm”."
                ),
            )
        return data

    @staticmethod
    def initial_for(item: ItemDef) -> dict[str, Any]:
        return {
            "code": item.code,
            "text": item.text,
            "kind": item.kind,
            "max_points": item.max_points,
            "evidence_hint": item.evidence_hint,
            "applies_to": list(item.applies_to),
        }


class GroupForm(forms.Form):
    code = _code_field(gettext_lazy("Mã nhóm"), gettext_lazy("Hãy nhập mã nhóm đối tượng."))
    name = forms.CharField(
        label=gettext_lazy("Tên nhóm đối tượng"),
        max_length=200,
        error_messages={"required": gettext_lazy("Hãy nhập tên nhóm đối tượng.")},
    )


class BandForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Tên xếp loại"),
        max_length=100,
        error_messages={"required": gettext_lazy("Hãy nhập tên xếp loại, ví dụ “Tốt”.")},
    )
    min_total = PointsField(label=gettext_lazy("Từ (điểm)"))


class PointsForm(forms.Form):
    """The maximum points of every scored item, in one table."""

    reason = forms.CharField(
        label=gettext_lazy("Căn cứ (văn bản của tỉnh quy định số điểm)"),
        max_length=300,
        required=False,
    )

    def __init__(self, *args: Any, definition: SetDefinition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.codes: dict[str, str] = {}
        reason = self.fields.pop("reason")
        for criterion in definition.criteria:
            for item in criterion.items:
                if item.kind != "points":
                    continue
                name = f"points-{item.code}"
                self.fields[name] = PointsField(
                    positive=True,
                    label=f"{item.code}. {item.text}",
                    initial=item.max_points,
                )
                self.codes[name] = item.code
        self.fields["reason"] = reason

    def item_points(self) -> dict[str, Decimal | None]:
        """The points sent: an item whose field was not in the form sent keeps its points (a
        page opened before the item was added, a client that sends only some)."""
        return {
            code: self.cleaned_data.get(name)
            for name, code in self.codes.items()
            if name in self.data
        }
