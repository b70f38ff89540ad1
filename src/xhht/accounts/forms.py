from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from xhht.accounts.usernames import normalise_username


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản này đã bị khóa."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["password"].label = _("Mật khẩu")

    def clean_username(self) -> str:
        return normalise_username(str(self.cleaned_data.get("username") or ""))


class OwnPasswordForm(PasswordChangeForm):
    """A user changes their own password: the current one, then the new one twice."""

    error_messages = {
        "password_incorrect": _("Mật khẩu hiện tại không đúng; hãy nhập lại."),
        "password_mismatch": _("Hai lần nhập mật khẩu mới không giống nhau."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Mật khẩu hiện tại")
        self.fields["new_password1"].label = _("Mật khẩu mới")
        self.fields["new_password1"].help_text = _(
            "Ít nhất 8 ký tự, không toàn chữ số, không quá giống tên đăng nhập hay họ tên, "
            "không phải mật khẩu phổ biến."
        )
        self.fields["new_password2"].label = _("Nhập lại mật khẩu mới")

    def save(self, commit: bool = True) -> Any:
        raise NotImplementedError("use accounts.actions.change_own_password")


class OtpForm(forms.Form):
    token = forms.CharField(
        label=_("Mã xác thực 6 số"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
