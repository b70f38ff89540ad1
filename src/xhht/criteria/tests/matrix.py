from collections.abc import Callable

from django.urls import reverse

from xhht.criteria.actions import create_set
from xhht.criteria.models import CriteriaSet
from xhht.criteria.tests.helpers import variant_data
from xhht.testing.matrix import EVERY_OFFICER, FORM_STATUSES, VIEW_HAMLET, Entry
from xhht.testing.world import World

MANAGE = frozenset({"admin", "coordinator"})
VIEW_PROVINCE = VIEW_HAMLET | {"other_officer"}


def _variant(w: World) -> int:
    return w.once("criteria_variant", lambda w: create_set(user=None, data=variant_data())).pk


def _national(w: World) -> int:
    return CriteriaSet.objects.get(code="hkh448-gia-dinh-hoc-tap").pk


def _editor_url(name: str) -> Callable[[World], str]:
    return lambda w: reverse(f"criteria:{name}", args=[_variant(w)])


MATRIX = {
    "criteria:index": Entry(lambda w: reverse("criteria:index"), EVERY_OFFICER, get_only=True),
    "criteria:detail": Entry(
        lambda w: reverse("criteria:detail", args=[_variant(w)]), VIEW_PROVINCE, get_only=True
    ),
    "criteria:export_xlsx": Entry(
        lambda w: reverse("criteria:export_xlsx", args=[_variant(w)]), VIEW_PROVINCE, get_only=True
    ),
    "criteria:export_yaml": Entry(
        lambda w: reverse("criteria:export_yaml", args=[_variant(w)]), VIEW_PROVINCE, get_only=True
    ),
    "criteria:create": Entry(lambda w: reverse("criteria:create"), MANAGE),
    "criteria:upload": Entry(lambda w: reverse("criteria:upload"), MANAGE),
    "criteria:template_xlsx": Entry(
        lambda w: reverse("criteria:template_xlsx"), MANAGE, get_only=True
    ),
    "criteria:edit": Entry(lambda w: reverse("criteria:edit", args=[_variant(w)]), MANAGE),
    "criteria:editor": Entry(
        lambda w: reverse("criteria:editor", args=[_variant(w)]), MANAGE, get_only=True
    ),
    **{
        f"criteria:{name}": Entry(
            _editor_url(name), MANAGE, method="post", ok_statuses=FORM_STATUSES
        )
        for name in (
            "edit_basis",
            "edit_rules",
            "edit_points",
            "edit_criterion",
            "edit_item",
            "edit_group",
            "edit_band",
            "illustrative",
        )
    },
    "criteria:derive": Entry(
        lambda w: reverse("criteria:derive", args=[_national(w)]), MANAGE, method="post"
    ),
}
