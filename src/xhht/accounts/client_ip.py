"""The address a login attempt comes from, for the lockout (``AXES_CLIENT_IP_CALLABLE``).

Behind ``XHHT_TRUSTED_PROXY_COUNT`` reverse proxies each proxy appends the address it received
the request from to ``X-Forwarded-For``, so the client is the entry that many places from the
right; anything further left was written by the client and cannot be trusted. Without proxies
the connection's own address is used and the header ignored.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    count: int = settings.XHHT_TRUSTED_PROXY_COUNT
    remote: str | None = request.META.get("REMOTE_ADDR")
    if count == 0:
        return remote
    forwarded: list[str] = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < count:
        return remote  # not through all the proxies: the nearest address is the best we know
    return forwarded[-count]
