from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice


class OfficerOtpMiddleware:
    """An officer who has turned on a one-time code must enter it before anything else."""

    EXEMPT = ("accounts:otp_verify", "accounts:logout", "set_language")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not getattr(user, "is_verified", lambda: False)()
            and not request.path.startswith(("/static/", "/verify/"))
            and request.path not in {reverse(name) for name in self.EXEMPT}
            and TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        ):
            return redirect("accounts:otp_verify")
        return self.get_response(request)
