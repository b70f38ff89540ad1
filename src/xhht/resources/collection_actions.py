"""A centre's collections: saved by a contributor of the centre, the resources in the order
given (the contributor's own, in any state, and published ones of the province); the public
page shows the published ones only."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability
from xhht.accounts.models import User
from xhht.audit.context import acting_as
from xhht.centres.models import Centre
from xhht.core.workflow import StepRefused
from xhht.resources.actions import may_contribute_for
from xhht.resources.models import Collection, CollectionItem, Resource, ResourceQuerySet


def collectable(user: User, centre_province_ids: Sequence[int]) -> ResourceQuerySet:
    """What ``user`` may put in a collection: their own resources and the published ones of
    the provinces of their centres."""
    own = Resource.objects.visible_to(user, Capability.CONTRIBUTE_RESOURCES)
    published = Resource.objects.published().filter(province_id__in=centre_province_ids)
    return Resource.objects.filter(Q(pk__in=own.values("pk")) | Q(pk__in=published.values("pk")))


def save_collection(
    *,
    user: User,
    centre: Centre,
    name: str,
    description: str = "",
    resources: Sequence[Resource] = (),
    collection: Collection | None = None,
) -> Collection:
    """Create or change a collection; its items become ``resources`` in that order."""
    if not may_contribute_for(user, centre=centre, body=None):
        raise StepRefused(_("Bạn không quản lý bộ sưu tập của cơ sở này."))
    if collection is not None and not may_contribute_for(user, centre=collection.centre, body=None):
        raise StepRefused(_("Bạn không quản lý bộ sưu tập của cơ sở này."))
    name = name.strip()
    if not name:
        raise StepRefused(_("Hãy ghi tên bộ sưu tập."))
    allowed = set(
        collectable(user, [centre.place.root_id])
        .filter(pk__in=[r.pk for r in resources])
        .values_list("pk", flat=True)
    )
    if any(r.pk not in allowed for r in resources):
        raise StepRefused(_("Có học liệu chưa được công bố hoặc ngoài phạm vi của bạn."))
    with transaction.atomic(), acting_as(user):
        shelf = collection or Collection(centre=centre)
        shelf.centre = centre
        shelf.name = name[:250]
        shelf.description = description.strip()
        try:
            with transaction.atomic():
                shelf.save()
        except IntegrityError as exc:
            raise StepRefused(_("Cơ sở đã có một bộ sưu tập cùng tên.")) from exc
        wanted = list(dict.fromkeys(r.pk for r in resources))
        current = {item.resource_id: item for item in shelf.items.all()}
        for item in current.values():
            if item.resource_id not in wanted:
                item.delete()
        for position, pk in enumerate(wanted, start=1):
            kept = current.get(pk)
            if kept is None:
                CollectionItem.objects.create(collection=shelf, resource_id=pk, position=position)
            elif kept.position != position:
                kept.position = position
                kept.save(update_fields=["position"])
    return shelf
