"""The navigation each role sees."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability, can, roles_of

#: (url name, label, capability needed). Apps add their entries here as they land.
NAVIGATION: list[tuple[str, str, str]] = [
    ("core:home", "Trang chủ", ""),
    ("places:index", "Địa bàn", Capability.VIEW),
    ("criteria:index", "Bộ tiêu chí", Capability.VIEW),
    ("registry:household_list", "Hộ gia đình", Capability.VIEW),
    ("registry:person_list", "Công dân", Capability.VIEW),
    ("registry:clan_list", "Dòng họ", Capability.VIEW),
    ("registry:unit_list", "Đơn vị", Capability.VIEW),
    ("indicators:home", "Tiến độ chỉ tiêu", Capability.VIEW),
    ("plans:index", "Kế hoạch", Capability.VIEW),
    ("reporting:index", "Nhiệm vụ và báo cáo", Capability.VIEW),
    ("audit:index", "Nhật ký", Capability.VIEW),
    ("recognition:index", "Danh hiệu học tập", ""),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [
        {"url": reverse(name), "label": _(label), "active": request.path == reverse(name)}
        for name, label, capability in NAVIGATION
        if not capability or can(user, capability)
    ]
    return {"nav_items": items, "user_roles": sorted(roles_of(user))}
