"""How an audit entry is shown to a viewer: people by name, accounts' contact details hidden.

A user name, an e-mail or a phone number in the trail is personal data about an officer. The
actor is shown by full name (or, without one, by role and place); the contact fields of account
records (before/after values) are shown only to whoever holds ``MANAGE_ACCOUNTS`` over the
entry's place, who also sees the actor's user name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from xhht.accounts.access import EVERYWHERE, Capability, path_under, scope_paths
from xhht.accounts.models import User
from xhht.audit import wording

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from xhht.audit.models import AuditEntry

#: Fields of an account record that identify or reach the person behind it.
CONTACT_FIELDS = frozenset({"username", "email", "phone"})
#: Keys never shown: the record's own id says nothing to a reader.
HIDDEN_KEYS = frozenset({"id"})
#: Models whose before/after values carry those fields.
ACCOUNT_MODELS = frozenset({("accounts", "user")})


@dataclass(frozen=True)
class ShownEntry:
    actor: str
    object_repr: str
    #: (field label, value before, value after) as a person reads them (None: no value)
    changes: list[tuple[str, str | None, str | None]]
    #: the step's name ("" for a plain create, update or delete)
    step: str = ""


def manages_accounts_at(viewer: User | AnonymousUser, entry: AuditEntry) -> bool:
    """Whether ``viewer`` holds MANAGE_ACCOUNTS over the entry's place (national entries: only
    a national manager)."""
    prefixes = scope_paths(viewer, Capability.MANAGE_ACCOUNTS)
    if EVERYWHERE in prefixes:
        return True
    if not prefixes or entry.place_id is None:
        return False
    return path_under(entry.place.path, prefixes)  # type: ignore[union-attr]  # place_id is checked above


def person_label(user: User) -> str:
    """The user's full name, or their first role and its place when they have no name."""
    label = user.full_name.strip()
    if label:
        return label
    role = user.role_assignments.select_related("place", "body").order_by("pk").first()
    if role is None:
        return _("Người dùng")
    where = role.body or role.place or _("toàn quốc")
    return f"{role.get_role_display()} · {where}"


class People:
    """Labels of the people an audit page names, each looked up once per page."""

    def __init__(self) -> None:
        self._labels: dict[int, tuple[str, str]] = {}

    def label(self, user_id: int, loader: Callable[[], User | None]) -> tuple[str, str]:
        """(label, user name) of the account ``user_id``."""
        if user_id not in self._labels:
            user = loader()
            found = (person_label(user), user.get_username()) if user else (_("Người dùng"), "")
            self._labels[user_id] = found
        return self._labels[user_id]


def shown(entry: AuditEntry, viewer: User | AnonymousUser, people: People) -> ShownEntry:
    """What ``viewer`` may read of ``entry``."""
    full = manages_accounts_at(viewer, entry)
    if entry.actor_id is None:
        system = entry.actor_name in {"", "hệ thống"}
        actor = _("hệ thống") if system else (entry.actor_name if full else _("Người dùng"))
    else:
        actor, username = people.label(entry.actor_id, lambda: entry.actor)
        if full:
            actor = f"{actor} ({username})"
    changes = entry.changes()
    object_repr = entry.object_repr
    content_type = ContentType.objects.get_for_id(entry.content_type_id)
    if (content_type.app_label, content_type.model) in ACCOUNT_MODELS and not full:
        hidden = _("(ẩn)")
        changes = [
            (field, hidden if old is not None else None, hidden if new is not None else None)
            if field in CONTACT_FIELDS
            else (field, old, new)
            for field, old, new in changes
        ]
        if entry.object_id.isdigit():
            object_repr, _username = people.label(
                int(entry.object_id), lambda: _account(int(entry.object_id))
            )
    model = content_type.model_class()
    return ShownEntry(
        actor=actor,
        object_repr=object_repr,
        changes=[
            (
                wording.field_label(model, field),
                wording.value_text(model, field, old),
                wording.value_text(model, field, new),
            )
            for field, old, new in changes
            if field not in HIDDEN_KEYS
        ],
        step=wording.step_label(entry.step),
    )


def _account(pk: int) -> User | None:
    return User.objects.filter(pk=pk).first()
