"""The citizens app's rows of the permission matrix (``testing.matrix``): C1's block (claims,
own data, corrections, accounts on the spot) first; the learning pages add their own."""

from django.urls import reverse

from xhht.citizens.tests import factories
from xhht.testing.matrix import EVERYONE, Entry

#: Who keeps a registry somewhere (the queues; each row is then filtered by place).
MANAGE_REGISTRY_ANYWHERE = frozenset(
    {"admin", "coordinator", "commune_officer", "other_officer", "hamlet_head", "outsider"}
)
#: Who keeps the registry of ``world.hamlet``.
MANAGE_REGISTRY_HAMLET = frozenset({"admin", "coordinator", "commune_officer", "hamlet_head"})
SELF_SERVICE = frozenset({"admin", "citizen"})

MATRIX: dict[str, Entry] = {
    "citizens:register": Entry(lambda w: reverse("citizens:register"), EVERYONE, public=True),
    "citizens:place_options": Entry(
        lambda w: f"{reverse('citizens:place_options')}?level=commune&province={w.province.pk}",
        EVERYONE,
        public=True,
        get_only=True,
    ),
    "citizens:registered": Entry(lambda w: reverse("citizens:registered"), EVERYONE, get_only=True),
    "citizens:me": Entry(lambda w: reverse("citizens:me"), SELF_SERVICE, get_only=True),
    "citizens:correction_create": Entry(
        lambda w: reverse("citizens:correction_create"), SELF_SERVICE
    ),
    "citizens:claim_queue": Entry(
        lambda w: reverse("citizens:claim_queue"), MANAGE_REGISTRY_ANYWHERE, get_only=True
    ),
    "citizens:claim_detail": Entry(
        lambda w: reverse("citizens:claim_detail", args=[w.once("claim", factories.claim).pk]),
        MANAGE_REGISTRY_HAMLET,
    ),
    "citizens:correction_queue": Entry(
        lambda w: reverse("citizens:correction_queue"), MANAGE_REGISTRY_ANYWHERE, get_only=True
    ),
    "citizens:correction_detail": Entry(
        lambda w: reverse(
            "citizens:correction_detail", args=[w.once("correction", factories.correction).pk]
        ),
        MANAGE_REGISTRY_HAMLET,
    ),
    "citizens:account_create": Entry(
        lambda w: reverse(
            "citizens:account_create",
            args=[w.once("spot_person", lambda w: factories.person(w, cccd="092190009999")).pk],
        ),
        MANAGE_REGISTRY_HAMLET,
    ),
}

# The citizen's own learning (C2) ------------------------------------------------------------------
from xhht.citizens.tests import learning_factories  # noqa: E402
from xhht.testing.matrix import VIEW_HAMLET  # noqa: E402

MATRIX |= {
    "citizens:learning": Entry(lambda w: reverse("citizens:learning"), SELF_SERVICE, get_only=True),
    "citizens:learning_add": Entry(lambda w: reverse("citizens:learning_add"), SELF_SERVICE),
    "citizens:digital_skills": Entry(
        lambda w: reverse("citizens:digital_skills"), SELF_SERVICE, "post"
    ),
    # Only the line's citizen attaches it (the administrator is refused by the step: a redirect).
    "citizens:learning_attach": Entry(
        lambda w: reverse(
            "citizens:learning_attach",
            args=[w.once("studied_line", learning_factories.studied_line).pk],
        ),
        SELF_SERVICE,
        "post",
    ),
    # The line's citizen, and whoever sees the person in the registry (who confirms the line).
    "citizens:learning_certificate": Entry(
        lambda w: reverse(
            "citizens:learning_certificate",
            args=[w.once("studied_line", learning_factories.studied_line).pk],
        ),
        VIEW_HAMLET | {"citizen"},
        get_only=True,
    ),
}
