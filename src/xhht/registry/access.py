"""The one way views fetch registry records: only if the user may act on them, else the same 404."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from xhht.accounts.access import Capability, visible_places
from xhht.accounts.models import User
from xhht.jobs import runner
from xhht.jobs.models import Job
from xhht.places.models import Level, PlaceQuerySet
from xhht.registry.models import Clan, Household, Person, Unit


def get_household_for_user(user: User, pk: int, capability: str = Capability.VIEW) -> Household:
    households = Household.objects.visible_to(user, capability).select_related("place")
    return get_object_or_404(households, pk=pk)


def get_person_for_user(user: User, pk: int, capability: str = Capability.VIEW) -> Person:
    people = Person.objects.visible_to(user, capability).select_related(
        "place", "household", "unit"
    )
    return get_object_or_404(people, pk=pk)


def get_clan_for_user(user: User, pk: int, capability: str = Capability.VIEW) -> Clan:
    clans = Clan.objects.visible_to(user, capability).select_related("commune", "representative")
    return get_object_or_404(clans, pk=pk)


def get_unit_for_user(user: User, pk: int, capability: str = Capability.VIEW) -> Unit:
    return get_object_or_404(
        Unit.objects.visible_to(user, capability).select_related("place"), pk=pk
    )


def places_for(user: User, capability: str, *levels: str) -> PlaceQuerySet:
    """Current places of the given levels where ``user`` holds ``capability``, in tree order.

    Ordering by the materialized path keeps each subtree together (a commune, then its hamlets).
    """
    wanted = levels or (Level.PROVINCE, Level.COMMUNE, Level.HAMLET)
    places = visible_places(user, capability).current().filter(level__in=wanted)
    return places.order_by("path")


def get_import_job_for_user(user: User, pk: int) -> Job:
    """An import job: only its author sees it (the result may name rows of personal data)."""
    jobs = Job.objects.filter(created_by=user, function__startswith="xhht.registry.imports.")
    return runner.refreshed(get_object_or_404(jobs, pk=pk))  # failed if its process died
