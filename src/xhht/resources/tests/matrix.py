"""The resources' rows of the permission matrix (``testing.matrix``): the public catalogue
(anyone, no login), the contributors' and the curators' pages. R2 adds its block at the end."""

from collections.abc import Callable

from django.urls import reverse

from xhht.resources.models import Resource
from xhht.resources.tests import factories
from xhht.testing.matrix import EVERYONE, Entry
from xhht.testing.world import World

#: CONTRIBUTE_RESOURCES somewhere (their own list, the create form).
CONTRIBUTORS = frozenset(
    {
        "admin",
        "coordinator",
        "commune_officer",
        "other_officer",
        "association_officer",
        "province_association_officer",
        "body_officer",
        "other_body_officer",
        "outsider",
    }
)
#: Who reaches a resource of the commune's centre: its contributors and the province's curator.
COMMUNE_RESOURCE = frozenset(
    {
        "admin",
        "coordinator",
        "commune_officer",
        "association_officer",
        "province_association_officer",
    }
)
#: CURATE_RESOURCES over the province.
CURATORS = frozenset({"admin", "coordinator"})


def _published(w: World) -> Resource:
    return w.once("resource", factories.published_resource)


def _with_file(w: World) -> Resource:
    return w.once("resource_file", factories.published_file)


def _draft(w: World) -> Resource:
    return w.once("resource_draft", factories.draft_resource)


def _submitted(w: World) -> Resource:
    return w.once("resource_submitted", factories.submitted_resource)


def _uid_url(name: str, make: Callable[[World], Resource]) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[make(w).uid])


def _pk_url(name: str, make: Callable[[World], Resource]) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[make(w).pk])


MATRIX: dict[str, Entry] = {
    # Public: anyone, logged in or not.
    "resources:catalogue": Entry(
        lambda w: reverse("resources:catalogue"), EVERYONE, public=True, get_only=True
    ),
    "resources:detail": Entry(
        _uid_url("resources:detail", _published), EVERYONE, public=True, get_only=True
    ),
    "resources:download": Entry(
        _uid_url("resources:download", _with_file), EVERYONE, public=True, get_only=True
    ),
    "resources:collections": Entry(
        lambda w: reverse("resources:collections"), EVERYONE, public=True, get_only=True
    ),
    "resources:collection": Entry(
        lambda w: reverse(
            "resources:collection", args=[w.once("collection", factories.collection).pk]
        ),
        EVERYONE,
        public=True,
        get_only=True,
    ),
    # Contributors and curators.
    "resources:mine": Entry(lambda w: reverse("resources:mine"), CONTRIBUTORS, get_only=True),
    "resources:create": Entry(lambda w: reverse("resources:create"), CONTRIBUTORS),
    "resources:queue": Entry(lambda w: reverse("resources:queue"), CURATORS, get_only=True),
    "resources:manage": Entry(
        _pk_url("resources:manage", _submitted), COMMUNE_RESOURCE, get_only=True
    ),
    "resources:manage_file": Entry(
        _pk_url("resources:manage_file", _with_file), COMMUNE_RESOURCE, get_only=True
    ),
    "resources:edit": Entry(_pk_url("resources:edit", _draft), COMMUNE_RESOURCE),
    "resources:submit": Entry(_pk_url("resources:submit", _draft), COMMUNE_RESOURCE, method="post"),
    "resources:withdraw": Entry(
        _pk_url("resources:withdraw", _published), COMMUNE_RESOURCE, method="post"
    ),
    "resources:publish": Entry(_pk_url("resources:publish", _submitted), CURATORS, method="post"),
    "resources:collection_create": Entry(
        lambda w: reverse("resources:collection_create"), CONTRIBUTORS
    ),
    "resources:collection_edit": Entry(
        lambda w: reverse(
            "resources:collection_edit", args=[w.once("collection", factories.collection).pk]
        ),
        COMMUNE_RESOURCE,
    ),
    "resources:return": Entry(
        _pk_url("resources:return", _submitted),
        CURATORS,
        method="post",
        data=lambda w: {"reason": "Thiếu tên tác giả"},
    ),
}
# Harvesting and import (R2): the OAI-PMH base URL is public (GET only; harvesters send no CSRF
# token, so a POST is refused).
MATRIX |= {
    "resources:oai": Entry(
        lambda w: reverse("resources:oai") + "?verb=Identify", EVERYONE, public=True, get_only=True
    ),
    # CONTRIBUTE_RESOURCES somewhere; the contributor chosen is checked against the user's scope.
    "resources:import_upload": Entry(lambda w: reverse("resources:import_upload"), CONTRIBUTORS),
    "resources:import_template": Entry(
        lambda w: reverse("resources:import_template"), CONTRIBUTORS, get_only=True
    ),
}
