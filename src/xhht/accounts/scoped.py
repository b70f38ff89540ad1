"""The base queryset of every record that belongs to a place (registry, recognition and the apps
to come): ``visible_to`` keeps the user's subtrees, ``search`` matches without diacritics."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from django.db import models

from xhht.accounts.access import scope_filter
from xhht.core.text import fold

if TYPE_CHECKING:
    from xhht.accounts.models import User

M = TypeVar("M", bound=models.Model)


class ScopedQuerySet(models.QuerySet[M]):
    """A queryset whose rows belong to places: ``visible_to`` keeps the user's subtrees."""

    place_path_field = "place__path"

    def visible_to(self, user: User, capability: str = "view") -> ScopedQuerySet[M]:
        return self.filter(scope_filter(user, capability, self.place_path_field))

    def search(self, query: str) -> ScopedQuerySet[M]:
        """Matches with or without diacritics: "nguyen van an" finds "Nguyễn Văn An"."""
        folded = fold(query)
        return self.filter(search_text__contains=folded) if folded else self
