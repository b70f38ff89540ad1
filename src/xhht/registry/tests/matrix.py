from collections.abc import Callable
from typing import Any

from django.urls import reverse

from xhht.registry.tests import factories
from xhht.testing.matrix import EVERY_OFFICER, VIEW_COMMUNE, VIEW_HAMLET, Entry
from xhht.testing.world import World

#: MANAGE_REGISTRY somewhere (a form or upload page that checks the place on submit).
MANAGE_ANYWHERE = frozenset(
    {"admin", "coordinator", "commune_officer", "other_officer", "hamlet_head", "outsider"}
)
MANAGE_HAMLET = frozenset({"admin", "coordinator", "commune_officer", "hamlet_head"})
MANAGE_COMMUNE = frozenset({"admin", "coordinator", "commune_officer"})

FACTORIES: dict[str, Callable[[World], Any]] = {
    "household": factories.household,
    "person": factories.person,
    "clan": factories.clan,
    "unit": factories.unit,
}


def _obj(kind: str) -> Callable[[World], int]:
    return lambda w: w.once(kind, FACTORIES[kind]).pk


def _url(name: str, kind: str | None = None) -> Callable[[World], str]:
    if kind is None:
        return lambda w: reverse(name)
    return lambda w: reverse(name, args=[_obj(kind)(w)])


MATRIX: dict[str, Entry] = {}
for kind in FACTORIES:
    view, manage = (
        (VIEW_COMMUNE, MANAGE_COMMUNE) if kind == "clan" else (VIEW_HAMLET, MANAGE_HAMLET)
    )
    MATRIX |= {
        f"registry:{kind}_list": Entry(_url(f"registry:{kind}_list"), EVERY_OFFICER, get_only=True),
        f"registry:{kind}_export": Entry(
            _url(f"registry:{kind}_export"), EVERY_OFFICER, get_only=True
        ),
        f"registry:{kind}_export_csv": Entry(
            _url(f"registry:{kind}_export_csv"), EVERY_OFFICER, get_only=True
        ),
        f"registry:{kind}_create": Entry(_url(f"registry:{kind}_create"), MANAGE_ANYWHERE),
        f"registry:{kind}_detail": Entry(
            _url(f"registry:{kind}_detail", kind), view, get_only=True
        ),
        f"registry:{kind}_edit": Entry(_url(f"registry:{kind}_edit", kind), manage),
        f"{kind}-list": Entry(_url(f"{kind}-list"), EVERY_OFFICER, get_only=True),
        f"{kind}-detail": Entry(_url(f"{kind}-detail", kind), view, get_only=True),
    }
for kind in ("household", "unit", "clan"):
    MATRIX |= {
        f"registry:{kind}_import": Entry(_url(f"registry:{kind}_import"), MANAGE_ANYWHERE),
        f"registry:{kind}_template": Entry(
            _url(f"registry:{kind}_template"), MANAGE_ANYWHERE, get_only=True
        ),
    }
MATRIX |= {
    "registry:import_job": Entry(
        lambda w: reverse("registry:import_job", args=[w.once("job", factories.import_job).pk]),
        frozenset({"commune_officer"}),
        get_only=True,
    ),
    "registry:export_job": Entry(
        lambda w: reverse("registry:export_job", args=[w.once("export", factories.export_job).pk]),
        frozenset({"commune_officer"}),
        get_only=True,
    ),
    "registry:export_download": Entry(
        lambda w: reverse(
            "registry:export_download", args=[w.once("export", factories.export_job).pk]
        ),
        frozenset({"commune_officer"}),
        get_only=True,
    ),
    "registry:import_confirm": Entry(
        lambda w: reverse("registry:import_confirm", args=[w.once("job", factories.import_job).pk]),
        frozenset({"commune_officer"}),
        method="post",
    ),
}
