"""The API's access rule: the same capabilities as the pages."""

from __future__ import annotations

from typing import Any

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
