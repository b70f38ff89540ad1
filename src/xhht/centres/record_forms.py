"""The forms of the learning record: a citizen's self-declared line, an officer's refusal."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xhht.centres.models import LearningEntry
from xhht.centres.record import DECLARED_KINDS, MAX_HOURS

FIRST_YEAR = 1990


class DeclareForm(forms.Form):
    """What a citizen learned on their own, typed on a phone in a few fields."""

    kind = forms.ChoiceField(label=_("Hình thức"))
    title = forms.CharField(
        label=_("Nội dung đã học"),
        max_length=300,
        help_text=_("Ví dụ: Khóa học “Kỹ năng số cơ bản”, sách “Đắc nhân tâm”."),
    )
    year = forms.IntegerField(label=_("Năm"))
    hours = forms.DecimalField(
        label=_("Số giờ (ước tính)"),
        min_value=Decimal("0"),
        max_value=MAX_HOURS,
        decimal_places=1,
        initial=Decimal("0"),
        localize=True,  # "8,5" as Vietnamese write it
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    source = forms.CharField(
        label=_("Nơi học, nền tảng, tên sách hoặc cơ quan tổ chức"),
        max_length=300,
        required=False,
    )
    result = forms.CharField(label=_("Kết quả, chứng chỉ"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        labels = dict(LearningEntry.Kind.choices)
        kind = self.fields["kind"]
        if isinstance(kind, forms.ChoiceField):
            kind.choices = [("", "—")] + [(k, labels[k]) for k in DECLARED_KINDS]
        year = self.fields["year"]
        year.initial = this_year
        year.widget.attrs.update({"min": FIRST_YEAR, "max": this_year, "inputmode": "numeric"})
        year.validators = [
            *year.validators,
            MinValueValidator(FIRST_YEAR, _("Năm phải từ %(limit_value)s trở đi.")),
            MaxValueValidator(this_year, _("Năm không được sau năm nay (%(limit_value)s).")),
        ]


class RefuseForm(forms.Form):
    reason = forms.CharField(label=_("Lý do không xác nhận"), max_length=500)
