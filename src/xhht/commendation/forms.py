"""The commendation forms: opening a movement, a nomination (a phone: one column), the
council's agreement or return, and the decision."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from xhht.accounts.access import Capability
from xhht.accounts.models import User
from xhht.commendation.access import movement_places_for
from xhht.commendation.models import Award, Movement
from xhht.registry.filters import PlaceChoiceField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NUMBER = forms.NumberInput(attrs={"inputmode": "numeric", "min": "0"})


class MovementForm(forms.Form):
    place = PlaceChoiceField(queryset=None, label=_("Cấp phát động"))
    name = forms.CharField(
        label=_("Tên phong trào"),
        max_length=250,
        help_text=_("Ví dụ: Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời."),
    )
    basis = forms.CharField(
        label=_("Văn bản phát động"),
        max_length=250,
        required=False,
        help_text=_("Số, ký hiệu và ngày của văn bản phát động phong trào."),
    )
    start_date = forms.DateField(label=_("Từ ngày"), widget=DATE)
    end_date = forms.DateField(label=_("Đến ngày"), widget=DATE)
    criteria = forms.CharField(
        label=_("Tiêu chí thi đua"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Các tiêu chí như văn bản phát động ghi, mỗi tiêu chí một dòng."),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = movement_places_for(user)  # type: ignore[attr-defined]  # a ModelChoiceField


class NominationForm(forms.Form):
    movement = forms.ModelChoiceField(
        label=_("Phong trào thi đua"), queryset=Movement.objects.none(), empty_label=None
    )
    achievements = forms.CharField(
        label=_("Thành tích"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Tóm tắt thành tích nổi bật: việc đã làm, kết quả, ảnh hưởng đến cộng đồng."),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        movements = Movement.objects.visible_to(user, Capability.NOMINATE).select_related("place")
        self.fields["movement"].queryset = movements  # type: ignore[attr-defined]  # a ModelChoiceField


class AchievementsForm(forms.Form):
    achievements = NominationForm.base_fields["achievements"]


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Ảnh chụp hoặc tệp PDF minh chứng"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
    )


class AgreeForm(forms.Form):
    votes_for = forms.IntegerField(
        label=_("Số phiếu đồng ý"), min_value=0, max_value=500, required=False, widget=NUMBER
    )
    votes_against = forms.IntegerField(
        label=_("Số phiếu không đồng ý"), min_value=0, max_value=500, required=False, widget=NUMBER
    )
    note = forms.CharField(
        label=_("Ý kiến, biên bản họp hội đồng"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do trả lại, nội dung cần bổ sung"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecisionForm(forms.Form):
    award = forms.ChoiceField(label=_("Hình thức khen thưởng"), choices=Award.choices)
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=200)
    decision_number = forms.CharField(
        label=_("Số quyết định"), max_length=40, help_text=_("Ví dụ: 125/QĐ-UBND.")
    )
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=DATE)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=120, initial="Chủ tịch")
    signer_name = forms.CharField(label=_("Họ tên người ký"), max_length=100)

    def __init__(self, *args: Any, awards: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["award"].choices = [(a, Award(a).label) for a in awards]  # type: ignore[attr-defined]  # a ChoiceField
