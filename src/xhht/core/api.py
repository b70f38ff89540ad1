"""What every API view shares: pages of at most ``MAX_LIMIT`` rows (access by capability is
``xhht.accounts.api.HasCapability``)."""

from __future__ import annotations

from rest_framework.pagination import LimitOffsetPagination

#: The most rows one API response holds, whatever ``?limit=`` asks for.
MAX_LIMIT = 500


class CappedLimitOffsetPagination(LimitOffsetPagination):
    """``?limit=&offset=`` pages: 100 rows by default, never more than ``MAX_LIMIT``."""

    default_limit = 100
    max_limit = MAX_LIMIT
