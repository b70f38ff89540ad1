from __future__ import annotations

import base64
from io import BytesIO

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from xhht.accounts import actions
from xhht.accounts.access import roles_of
from xhht.accounts.forms import LoginForm, OtpForm, OwnPasswordForm
from xhht.accounts.models import OFFICER_ROLES
from xhht.core.http import user_of


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@require_safe
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    assignments = user.role_assignments.select_related("place", "body").order_by("role")
    has_otp = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    is_officer = bool(roles_of(user) & set(OFFICER_ROLES))
    return render(
        request,
        "accounts/profile.html",
        {"assignments": assignments, "has_otp": has_otp, "is_officer": is_officer},
    )


@login_required
@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    """The user changes their own password; they stay logged in on this device."""
    user = user_of(request)
    form = OwnPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.change_own_password(user=user, password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, user)
        messages.success(request, _("Đã đổi mật khẩu."))
        return redirect("accounts:profile")
    return render(request, "accounts/password_change.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Turn on a TOTP code: scan the QR with an authenticator app, then confirm one code."""
    user = user_of(request)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            TOTPDevice.objects.filter(user=user, confirmed=True).delete()
            device.confirmed = True
            device.save()
            otp_login(request, device)
            messages.success(request, _("Đã bật xác thực hai bước."))
            return redirect("accounts:profile")
        form.add_error("token", _("Mã không đúng hoặc đã hết hạn; hãy thử mã mới."))
    buffer = BytesIO()
    segno.make(device.config_url, micro=False).save(buffer, kind="svg", scale=4)
    qr = "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()
    required = bool(roles_of(user) & settings.XHHT_REQUIRE_TOTP_ROLES)
    context = {"form": form, "qr": qr, "required": required}
    return render(request, "accounts/otp_setup.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in TOTPDevice.objects.filter(user=user, confirmed=True):
            if device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return redirect("site:home")
        form.add_error("token", _("Mã không đúng hoặc đã hết hạn."))
    return render(request, "accounts/otp_verify.html", {"form": form})
