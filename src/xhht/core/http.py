"""Small helpers for views."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.http import HttpRequest, HttpResponse

from xhht.core.downloads import attach

if TYPE_CHECKING:  # a name for the type checker only: core stays below accounts
    from xhht.accounts.models import User

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def user_of(request: HttpRequest) -> User:
    """The logged-in user (views using this are behind ``login_required``)."""
    return cast("User", request.user)


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    return attach(HttpResponse(content, content_type=XLSX_TYPE), filename)
