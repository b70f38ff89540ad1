from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
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


class SessionRefreshMiddleware:
    """Keep a logged-in session alive while it is used, writing it at most every few minutes.

    With ``SESSION_SAVE_EVERY_REQUEST`` every page view wrote the session row; here a request
    marks the session modified (so Django saves it with a new expiry) only when the last
    refresh is older than ``XHHT_SESSION_REFRESH_SECONDS``. A session still ends after
    ``SESSION_COOKIE_AGE`` without a request, give or take that interval.
    """

    KEY = "_xhht_refreshed"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(self.KEY, 0)
            if now - int(last) >= settings.XHHT_SESSION_REFRESH_SECONDS:
                request.session[self.KEY] = now
        return response
