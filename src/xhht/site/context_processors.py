"""The navigation each role sees."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.accounts.access import Capability, can, roles_of

#: (url name, label, capability needed), in the order of the menu. Labels are message ids
#: (marked with gettext_noop so makemessages finds them) translated when the menu is drawn.
NAVIGATION: list[tuple[str, str, str]] = [
    ("site:home", gettext_noop("Trang chủ"), ""),
    ("places:index", gettext_noop("Địa bàn"), Capability.VIEW),
    ("registry:household_list", gettext_noop("Hộ gia đình"), Capability.VIEW),
    ("registry:person_list", gettext_noop("Công dân"), Capability.VIEW),
    ("citizens:claim_queue", gettext_noop("Đăng ký của công dân"), Capability.MANAGE_REGISTRY),
    ("registry:clan_list", gettext_noop("Dòng họ"), Capability.VIEW),
    ("registry:unit_list", gettext_noop("Đơn vị"), Capability.VIEW),
    ("centres:centre_list", gettext_noop("Cơ sở học tập"), Capability.VIEW),
    ("centres:class_list", gettext_noop("Lớp học, hoạt động"), Capability.VIEW),
    ("centres:campaigns", gettext_noop("Đợt hưởng ứng học tập"), Capability.VIEW),
    ("pcgd:index", gettext_noop("Phổ cập, xóa mù chữ"), Capability.VIEW),
    ("association:branch_list", gettext_noop("Hội Khuyến học"), Capability.MANAGE_ASSOCIATION),
    ("resources:catalogue", gettext_noop("Kho học liệu"), ""),
    ("citizens:me", gettext_noop("Thông tin của tôi"), Capability.SELF_SERVICE),
    ("citizens:learning", gettext_noop("Học tập của tôi"), Capability.SELF_SERVICE),
    ("recognition:index", gettext_noop("Danh hiệu học tập"), ""),
    ("criteria:index", gettext_noop("Bộ tiêu chí"), Capability.VIEW),
    ("plans:index", gettext_noop("Kế hoạch"), Capability.VIEW),
    ("progress:home", gettext_noop("Tiến độ chỉ tiêu"), Capability.VIEW),
    ("reporting:index", gettext_noop("Nhiệm vụ và báo cáo"), Capability.VIEW),
    ("governance:inspection_list", gettext_noop("Kiểm tra, giám sát"), Capability.VIEW),
    ("governance:activity_list", gettext_noop("Truyền thông"), Capability.VIEW),
    ("commendation:nomination_list", gettext_noop("Thi đua, khen thưởng"), Capability.VIEW),
    ("learning_city:profile_list", gettext_noop("Thành phố học tập"), Capability.MANAGE_PLANS),
    ("audit:index", gettext_noop("Nhật ký"), Capability.VIEW),
    ("accounts:manage_users", gettext_noop("Tài khoản và phân quyền"), Capability.MANAGE_ACCOUNTS),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    urls = [
        (reverse(name), label)  # once per item: every page draws the menu
        for name, label, capability in NAVIGATION
        if not capability or can(user, capability)
    ]
    items = [{"url": url, "label": _(label), "active": request.path == url} for url, label in urls]
    return {"nav_items": items, "user_roles": sorted(roles_of(user))}
