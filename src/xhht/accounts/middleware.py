from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from xhht.accounts.access import roles_of
from xhht.accounts.roles import Role


class OfficerOtpMiddleware:
    """An officer who has turned on a one-time code must enter it before anything else.

    A holder of a role listed in ``XHHT_REQUIRE_TOTP_ROLES`` must have such a code: without a
    confirmed device every page leads to the set-up page until one is confirmed.
    """

    EXEMPT = ("accounts:otp_verify", "accounts:logout", "set_language")
    SETUP_EXEMPT = ("accounts:otp_setup", "accounts:logout", "set_language")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        unknown = set(settings.XHHT_REQUIRE_TOTP_ROLES) - set(Role.values)
        if unknown:
            raise ImproperlyConfigured(
                f"XHHT_REQUIRE_TOTP_ROLES: unknown roles {sorted(unknown)}; "
                f"expected some of {Role.values}"
            )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        step = self._step_due(request)
        if step is None:
            return self.get_response(request)
        exempt = self.EXEMPT if step == "accounts:otp_verify" else self.SETUP_EXEMPT
        if request.path in {reverse(name) for name in exempt}:
            return self.get_response(request)
        return redirect(step)

    @staticmethod
    def _step_due(request: HttpRequest) -> str | None:
        """The page the user must go through first: entering a code, setting one up, or none."""
        user = request.user
        if (
            not user.is_authenticated
            or getattr(user, "is_verified", lambda: False)()
            or request.path.startswith(("/static/", "/verify/"))
        ):
            return None
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            return "accounts:otp_verify"
        if roles_of(user) & settings.XHHT_REQUIRE_TOTP_ROLES:
            return "accounts:otp_setup"
        return None


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
