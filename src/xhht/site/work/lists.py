"""The home page's work lists: the shared types and helpers of every list builder."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from xhht.accounts.access import (
    Capability,
    acting_scope,
)
from xhht.accounts.models import User

#: How many entries of each list the home page shows (the rest behind "Xem tất cả").
SHOWN = 5


@dataclass
class Entry:
    text: str
    url: str
    note: str = ""
    badge: str = ""  # "bad", "warn", "ok" or ""


@dataclass
class WorkList:
    key: str
    title: str
    count: int
    entries: list[Entry] = field(default_factory=list)
    more_url: str = ""


def access_bodies(user: User) -> set[int]:
    """The bodies the user reports for (roles held at bodies)."""
    _prefixes, bodies = acting_scope(user, Capability.REPORT)
    return bodies


def due_badge(due: datetime.date, day: datetime.date) -> tuple[str, str]:
    if due < day:
        return "bad", _("quá hạn %(days)s ngày") % {"days": (day - due).days}
    if (due - day).days <= 7:
        return "warn", _("còn %(days)s ngày") % {"days": (due - day).days}
    return "", ""
