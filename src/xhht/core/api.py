"""What every API view shares: access by capability (the same rule as the pages), and pages of
at most ``MAX_LIMIT`` rows."""

from __future__ import annotations

from typing import Any

from rest_framework.pagination import LimitOffsetPagination
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from xhht.accounts.access import Capability, can


class HasCapability(BasePermission):
    """Refuse (403) users who hold the view's ``capability`` nowhere; rows are scoped separately."""

    def has_permission(self, request: Request, view: Any) -> bool:
        capability: str = getattr(view, "capability", Capability.VIEW)
        return bool(
            request.user and request.user.is_authenticated and can(request.user, capability)
        )


#: The most rows one API response holds, whatever ``?limit=`` asks for.
MAX_LIMIT = 500


class CappedLimitOffsetPagination(LimitOffsetPagination):
    """``?limit=&offset=`` pages: 100 rows by default, never more than ``MAX_LIMIT``."""

    default_limit = 100
    max_limit = MAX_LIMIT
