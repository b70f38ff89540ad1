"""Who may open a line's certificate photo: the citizen whose line it is, and whoever may see
the person in the registry (the officer who confirms the line); anyone else gets the same 404 as
for a missing line."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from xhht.accounts.access import Capability, can, path_under, scope_paths
from xhht.accounts.models import User
from xhht.citizens.learning_models import StudiedLine


def get_studied_line_for_user(user: User, pk: int) -> StudiedLine:
    line = get_object_or_404(
        StudiedLine.objects.select_related("entry__person__place").exclude(certificate=""), pk=pk
    )
    person = line.entry.person
    own = person.user_id is not None and person.user_id == user.pk
    if own and can(user, Capability.SELF_SERVICE):
        return line
    if path_under(person.place.path, scope_paths(user, Capability.VIEW)):
        return line
    raise Http404
