"""The learning centres' rows of the permission matrix (``testing.matrix``).

One block per part of the app; each helper adds their URL names to their own block. The centre
officer is not a persona of the test world (a new persona would change every app's rows): the
app's own tests check that role (``factories.centre_officer``)."""

from collections.abc import Callable

from django.urls import reverse

from xhht.centres.tests import factories
from xhht.testing.matrix import EVERY_OFFICER, VIEW_COMMUNE, Entry
from xhht.testing.world import World

#: MANAGE_CENTRES somewhere (a form or upload page that checks the place on submit).
MANAGE_CENTRES_ANYWHERE = frozenset(
    {"admin", "coordinator", "commune_officer", "other_officer", "outsider"}
)
#: MANAGE_CENTRES over ``world.commune``.
MANAGE_CENTRES_COMMUNE = frozenset({"admin", "coordinator", "commune_officer"})


def _centre_url(name: str) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[w.once("centre", factories.centre).pk])


MATRIX: dict[str, Entry] = {
    # Institutions
    "centres:centre_list": Entry(
        lambda w: reverse("centres:centre_list"), EVERY_OFFICER, get_only=True
    ),
    "centres:centre_export": Entry(
        lambda w: reverse("centres:centre_export"), EVERY_OFFICER, get_only=True
    ),
    "centres:centre_create": Entry(
        lambda w: reverse("centres:centre_create"), MANAGE_CENTRES_ANYWHERE
    ),
    "centres:centre_import": Entry(
        lambda w: reverse("centres:centre_import"), MANAGE_CENTRES_ANYWHERE
    ),
    "centres:centre_template": Entry(
        lambda w: reverse("centres:centre_template"), MANAGE_CENTRES_ANYWHERE, get_only=True
    ),
    "centres:centre_detail": Entry(
        _centre_url("centres:centre_detail"), VIEW_COMMUNE, get_only=True
    ),
    "centres:centre_edit": Entry(_centre_url("centres:centre_edit"), MANAGE_CENTRES_COMMUNE),
}
# Classes and activities (MATRIX |= {...})
# Learning records (MATRIX |= {...})
# Campaigns (MATRIX |= {...})
