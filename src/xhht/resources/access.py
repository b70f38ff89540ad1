"""The one way views fetch resources and collections: only if the user may act on them, else the
same 404 as for a missing one.

Who may do what (``accounts.access.ROLE_CAPABILITIES``): ``CONTRIBUTE_RESOURCES`` (centre,
commune, body and association officers, the province coordinator) offers resources of the
centres or bodies in one's scope and keeps a centre's collections; ``CURATE_RESOURCES`` (the
province coordinator, the admin) publishes or returns the submitted resources of the province.
The public reads published resources without logging in (``Resource.objects.published()``).
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from xhht.accounts.access import Capability, acting_scope, visible_places
from xhht.accounts.models import Body, User
from xhht.accounts.scoped import ScopedQuerySet
from xhht.centres.models import Centre
from xhht.resources.models import Collection, Resource


def get_resource_for_user(
    user: User, pk: int, capability: str = Capability.CONTRIBUTE_RESOURCES
) -> Resource:
    resources = Resource.objects.visible_to(user, capability).select_related(
        "place", "province", "centre", "body"
    )
    return get_object_or_404(resources, pk=pk)


def get_published_resource(uid: str) -> Resource:
    """A published resource by its public identifier (no login): 404 for any other state."""
    resources = Resource.objects.published().select_related("centre", "body", "province")
    return get_object_or_404(resources.prefetch_related("topics"), uid=uid)


def get_collection_for_user(
    user: User, pk: int, capability: str = Capability.CONTRIBUTE_RESOURCES
) -> Collection:
    collections = Collection.objects.visible_to(user, capability).select_related("centre__place")
    return get_object_or_404(collections, pk=pk)


def contributor_centres(user: User) -> ScopedQuerySet[Centre]:
    """Active centres ``user`` may offer resources for (those in their place scope)."""
    centres = Centre.objects.active().visible_to(user, Capability.CONTRIBUTE_RESOURCES)
    return centres.select_related("place").order_by("sort_key")


def contributor_bodies(user: User) -> list[Body]:
    """Bodies ``user`` may offer resources for: those they act for, and those at the places of
    their place roles."""
    prefixes, body_ids = acting_scope(user, Capability.CONTRIBUTE_RESOURCES)
    places = visible_places(user, Capability.CONTRIBUTE_RESOURCES) if prefixes else None
    bodies = Body.objects.filter(pk__in=body_ids)
    if places is not None:
        bodies = bodies | Body.objects.filter(place__in=places)
    return list(bodies.select_related("place").order_by("name"))


def get_resource_for_officer(user: User, pk: int) -> Resource:
    """A resource the user contributes to or curates, in any state (its officer page)."""
    scoped = Resource.objects.visible_to(user, Capability.CONTRIBUTE_RESOURCES)
    curated = Resource.objects.visible_to(user, Capability.CURATE_RESOURCES)
    resources = (scoped | curated).select_related("place", "province", "centre", "body", "curator")
    return get_object_or_404(resources, pk=pk)
