"""Who is acting and why, carried through a request, a command or an action function.

The middleware sets the actor for each request; commands and tests use ``acting_as``. Action
functions that ask for a reason wrap their writes in ``acting_as(user, reason=...)`` so the
audit entries written by the signals carry it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xhht.accounts.models import User


@dataclass(frozen=True)
class Acting:
    user: User | None
    reason: str = ""
    via: str = "web"


_current: ContextVar[Acting | None] = ContextVar("xhht_audit_acting", default=None)


def current() -> Acting | None:
    return _current.get()


@contextlib.contextmanager
def acting_as(user: User | None, *, reason: str = "", via: str = "web") -> Iterator[Acting]:
    acting = Acting(user=user, reason=reason, via=via)
    token = _current.set(acting)
    try:
        yield acting
    finally:
        _current.reset(token)
