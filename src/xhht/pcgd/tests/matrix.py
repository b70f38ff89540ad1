"""The PCGD–XMC rows of the permission matrix (``testing.matrix``): one block per helper."""

from collections.abc import Callable

from django.urls import reverse

from xhht.registry.tests import factories as registry_factories
from xhht.testing.matrix import Entry
from xhht.testing.world import World

MATRIX: dict[str, Entry] = {}

# Entry per household, school-list import, the lists people work from (P2)
#: MANAGE_PCGD over ``world.commune`` and its hamlets (the commune officer, the coordinator).
MANAGE_PCGD_COMMUNE = frozenset({"admin", "coordinator", "commune_officer"})
#: MANAGE_PCGD somewhere (an upload page that checks the commune on submit).
MANAGE_PCGD_ANYWHERE = frozenset(
    {"admin", "coordinator", "commune_officer", "other_officer", "outsider"}
)


def _household_url(name: str) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[w.once("household", registry_factories.household).pk])


MATRIX |= {
    "pcgd:entry_household": Entry(_household_url("pcgd:entry_household"), MANAGE_PCGD_COMMUNE),
    "pcgd:entry_hamlet": Entry(
        lambda w: reverse("pcgd:entry_hamlet", args=[w.hamlet.pk]),
        MANAGE_PCGD_COMMUNE,
        get_only=True,
    ),
}
