"""Forms of the account and body management pages; choices are limited to the manager's scope."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from xhht.accounts.actions import AccountError, check_role_target
from xhht.accounts.manage_access import (
    assignable_bodies,
    assignable_places,
    assignable_roles,
    suggested_places,
)
from xhht.accounts.models import Body, User
from xhht.accounts.usernames import normalise_username, username_validator
from xhht.places.models import Level, Place

OUT_OF_SCOPE = _("Địa bàn hoặc cơ quan này nằm ngoài phạm vi quản lý của bạn.")


def _place_label(place: Place) -> str:
    parent = place.parent
    level = place.get_level_display()
    return f"{place.name} ({level}, {parent.name})" if parent else f"{place.name} ({level})"


def _offer_places(field: forms.Field, places: list[Place], selected: Place | None) -> None:
    """Show only ``places`` (and the selected one) in the select; any place of the field's
    queryset is still accepted."""
    if selected is not None and selected not in places:
        places = [selected, *places]
    field.widget.choices = [("", "—"), *((p.pk, _place_label(p)) for p in places)]


class AccountDetailsForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)

    def clean_full_name(self) -> str:
        return " ".join(str(self.cleaned_data["full_name"]).split())


class AccountCreateForm(AccountDetailsForm):
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        help_text=_("Chữ cái không dấu, chữ số và các ký tự . _ -"),
    )
    password = forms.CharField(
        label=_("Mật khẩu ban đầu"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Để trống để hệ thống tạo một mật khẩu ngẫu nhiên, hiện một lần sau khi lưu."),
    )
    field_order = ["username", "full_name", "phone", "email", "password"]

    def clean_username(self) -> str:
        username = normalise_username(str(self.cleaned_data["username"]))
        username_validator(username)
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(
                _("Tên đăng nhập “%(name)s” đã có người dùng; hãy chọn tên khác.")
                % {"name": username}
            )
        return username

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password = data.get("password")
        if password:
            probe = User(
                username=data.get("username", ""),
                full_name=data.get("full_name", ""),
                email=data.get("email", ""),
            )
            try:
                validate_password(password, probe)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Vai trò"))
    place = forms.ModelChoiceField(
        label=_("Địa bàn"),
        queryset=Place.objects.none(),
        required=False,
        error_messages={"invalid_choice": OUT_OF_SCOPE},
    )
    body = forms.ModelChoiceField(
        label=_("hoặc cơ quan"),
        queryset=Body.objects.none(),
        required=False,
        error_messages={"invalid_choice": OUT_OF_SCOPE},
        help_text=_("Cán bộ sở, ban, ngành, đoàn thể được gắn với cơ quan, không với địa bàn."),
    )

    def __init__(self, *args: Any, manager: User, query: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.manager = manager
        self.fields["role"].choices = assignable_roles(manager)  # type: ignore[attr-defined]  # fields are typed Field; this one is a ChoiceField
        place_field = self.fields["place"]
        place_field.queryset = assignable_places(manager)  # type: ignore[attr-defined]  # fields are typed Field; this one is a ModelChoiceField
        self.fields["body"].queryset = assignable_bodies(manager)  # type: ignore[attr-defined]  # fields are typed Field; this one is a ModelChoiceField
        selected = self.initial.get("place")
        _offer_places(
            place_field,
            suggested_places(manager, query),
            selected if isinstance(selected, Place) else None,
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            check_role_target(
                manager=self.manager,
                role=data.get("role", ""),
                place=data.get("place"),
                body=data.get("body"),
            )
        except AccountError as error:
            raise forms.ValidationError(error.message) from error
        return data


class BodyForm(forms.ModelForm[Body]):
    class Meta:
        model = Body
        fields = ["name", "short_name", "kind", "place"]
        labels = {
            "name": _("Tên cơ quan"),
            "short_name": _("Tên viết tắt"),
            "kind": _("Loại"),
            "place": _("Địa bàn"),
        }

    def __init__(self, *args: Any, manager: User, query: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["place"]
        field.queryset = assignable_places(manager).exclude(level=Level.HAMLET)  # type: ignore[attr-defined]  # fields are typed Field; this one is a ModelChoiceField
        field.error_messages["invalid_choice"] = OUT_OF_SCOPE
        offered = [p for p in suggested_places(manager, query) if p.level != Level.HAMLET]
        current = self.instance.place if self.instance.place_id else None
        _offer_places(field, offered, current)

    def clean_name(self) -> str:
        return " ".join(str(self.cleaned_data["name"]).split())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        name, place = data.get("name"), data.get("place")
        if name and place:
            # Compared in Python: SQLite folds the case of ASCII letters only (Đ/đ, Ở/ở).
            others = Body.objects.filter(place=place).exclude(pk=self.instance.pk)
            if name.casefold() in {n.casefold() for n in others.values_list("name", flat=True)}:
                self.add_error(
                    "name",
                    _("%(place)s đã có cơ quan tên “%(name)s”.")
                    % {"place": place.name, "name": name},
                )
        return data
