"""The citizen's registration and correction forms, and the officer's decision forms: bounded
fields, Vietnamese messages that say what to fix."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth.password_validation import password_validators_help_texts
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from xhht.citizens.actions import REASON_MAX
from xhht.citizens.models import CorrectionRequest
from xhht.places.models import Level, Place
from xhht.registry import pii
from xhht.registry.validators import validate_birth_date, validate_birth_year, validate_cccd

DATE_INPUTS = ["%Y-%m-%d", "%d/%m/%Y"]
#: Django's MinimumLengthValidator default, the project's setting.
PASSWORD_MIN = 8


def _places(level: str, parent: Place | None) -> Any:
    found = Place.objects.current().filter(level=level)
    if level != Level.PROVINCE:
        found = found.filter(path__startswith=parent.path) if parent else found.none()
    return found.order_by("sort_key")


def _chosen(data: Any, name: str, level: str, parent: Place | None) -> Place | None:
    """The place picked in ``name`` among ``level`` under ``parent`` (the form being bound)."""
    raw = str(data.get(name, "")) if data is not None else ""
    if not raw.isdigit():
        return None
    return _places(level, parent).filter(pk=int(raw)).first()  # type: ignore[no-any-return]  # a Place or None


class PlaceSelect(forms.Select):
    """A place picker whose change reloads the next picker's options (htmx)."""

    def __init__(self, target: str = "", level: str = "") -> None:
        attrs: dict[str, str] = {}
        if target:
            attrs = {
                "hx-get": reverse("citizens:place_options"),
                "hx-target": f"#id_{target}",
                "hx-vals": f'{{"level": "{level}"}}',
                "hx-trigger": "change",
            }
        super().__init__(attrs=attrs)


class RegistrationForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    cccd = forms.CharField(
        label=_("Số CCCD"),
        max_length=20,
        help_text=_("12 chữ số in trên căn cước công dân."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    birth_date = forms.DateField(
        label=_("Ngày sinh"),
        input_formats=DATE_INPUTS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Ngày sinh không hợp lệ; hãy chọn ngày, tháng, năm sinh.")},
    )
    phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    province = forms.ModelChoiceField(
        label=_("Tỉnh/thành phố nơi bạn sống"), queryset=Place.objects.none()
    )
    commune = forms.ModelChoiceField(label=_("Xã/phường"), queryset=Place.objects.none())
    hamlet = forms.ModelChoiceField(
        label=_("Thôn/tổ dân phố"),
        queryset=Place.objects.none(),
        required=False,
        help_text=_("Để trống nếu không thấy tên thôn của bạn."),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=" ".join(password_validators_help_texts()),
    )
    password_again = forms.CharField(
        label=_("Nhập lại mật khẩu"),
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        province = _chosen(self.data, "province", Level.PROVINCE, None)
        commune = _chosen(self.data, "commune", Level.COMMUNE, province)
        self.fields["province"].queryset = _places(Level.PROVINCE, None)  # type: ignore[attr-defined]  # a ModelChoiceField
        self.fields["commune"].queryset = _places(Level.COMMUNE, province)  # type: ignore[attr-defined]  # a ModelChoiceField
        self.fields["hamlet"].queryset = _places(Level.HAMLET, commune)  # type: ignore[attr-defined]  # a ModelChoiceField
        self.fields["province"].widget = PlaceSelect("commune", Level.COMMUNE)
        self.fields["commune"].widget = PlaceSelect("hamlet", Level.HAMLET)
        self.fields["hamlet"].widget = PlaceSelect()
        for name in ("province", "commune", "hamlet"):
            self.fields[name].widget.choices = self.fields[name].choices  # type: ignore[attr-defined]  # a Select
            self.fields[name].error_messages["invalid_choice"] = _("Hãy chọn lại trong danh sách.")

    def clean_cccd(self) -> str:
        number = pii.normalise_cccd(self.cleaned_data["cccd"])
        validate_cccd(number)
        return number

    def clean_birth_date(self) -> Any:
        day = self.cleaned_data["birth_date"]
        validate_birth_date(day)
        validate_birth_year(day.year)
        return day

    def clean_phone(self) -> str:
        phone = str(self.cleaned_data["phone"]).strip()
        if not 9 <= len(re.sub(r"\D", "", phone)) <= 15 or re.search(r"[^\d\s.+()-]", phone):
            raise forms.ValidationError(_("Số điện thoại gồm 9 đến 15 chữ số."))
        return phone

    def clean_password(self) -> str:
        # Django's Vietnamese catalogue lacks the length message: said here first.
        password = str(self.cleaned_data["password"])
        if len(password) < PASSWORD_MIN:
            raise forms.ValidationError(
                _("Mật khẩu phải có ít nhất %(n)s ký tự.") % {"n": PASSWORD_MIN}
            )
        return password

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("Hai lần nhập mật khẩu không giống nhau."))
        return data

    def place(self) -> Place:
        """The hamlet when one was picked, else the commune."""
        return self.cleaned_data.get("hamlet") or self.cleaned_data["commune"]  # type: ignore[no-any-return]  # a Place


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Hãy ghi lý do để người gửi biết cần làm gì.")},
    )


class ClaimRefusalForm(ReasonForm):
    """The reason box of a claim's page, beside the "Không xác nhận" button: its label says what
    it is for (a bare "Lý do" read as a reason for confirming too)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = _("Lý do không xác nhận (bắt buộc khi không xác nhận)")


class CorrectionForm(forms.Form):
    field = forms.ChoiceField(label=_("Thông tin cần sửa"), choices=CorrectionRequest.Field.choices)
    asked_value = forms.CharField(
        label=_("Sửa thành"),
        max_length=300,
        help_text=_("Ngày sinh viết dạng ngày/tháng/năm, ví dụ 05/09/1980."),
    )
    note = forms.CharField(
        label=_("Ghi chú cho cán bộ"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ApplyForm(forms.Form):
    value = forms.CharField(label=_("Giá trị ghi vào hồ sơ"), max_length=300, required=False)


class SpotAccountForm(forms.Form):
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        required=False,
        help_text=_("Để trống: dùng số điện thoại, hoặc một tên do hệ thống đặt."),
    )
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
