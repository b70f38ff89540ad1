"""Who may open a person's learning record, and which lines an officer may confirm.

A person's record is seen by whoever may see the person in the registry (``VIEW`` at the
person's place) and by the citizen whose account is linked to that person record (as
``recognition``'s citizen page finds it: ``Person.user``). Anyone else gets the same 404 as
for a missing person. Self-declared lines are confirmed by ``record.CONFIRM_CAPABILITY`` at the
person's place (``LearningEntry.objects.visible_to``).
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from xhht.accounts.access import Capability, can, path_under, scope_filter, scope_paths
from xhht.accounts.models import User
from xhht.centres.models import LearningEntry
from xhht.centres.record import CONFIRM_CAPABILITY
from xhht.registry.models import Person


def own_person(user: User) -> Person | None:
    """The person record the citizen's account is linked to, if any."""
    if not user.is_authenticated or not can(user, Capability.SELF_SERVICE):
        return None
    return Person.objects.filter(user=user).select_related("place", "household").first()


def get_record_person_for_user(user: User, pk: int) -> Person:
    """The person whose learning record ``user`` may read: in their scope, or their own."""
    person = get_object_or_404(Person.objects.select_related("place", "household"), pk=pk)
    if path_under(person.place.path, scope_paths(user, Capability.VIEW)):
        return person
    if (
        person.user_id is not None
        and person.user_id == user.pk
        and can(user, Capability.SELF_SERVICE)
    ):
        return person
    raise Http404


def pending_entries(user: User) -> Q:
    """Self-declared lines waiting for a confirmation ``user`` may give."""
    return (
        scope_filter(user, CONFIRM_CAPABILITY, "person__place__path")
        & Q(confirmed_at__isnull=True, refused_at__isnull=True)
        & ~Q(kind=LearningEntry.Kind.CLASS)
    )


def get_own_entry_for_user(user: User, pk: int) -> LearningEntry:
    """A line of the citizen's own record (to withdraw it), else 404."""
    entries = LearningEntry.objects.filter(person__user=user).select_related("person__place")
    if not can(user, Capability.SELF_SERVICE):
        entries = entries.none()
    return get_object_or_404(entries, pk=pk)
