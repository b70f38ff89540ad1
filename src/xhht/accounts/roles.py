"""The roles a person holds at a place or a body (``RoleAssignment.role``); what each may do is
``access.CAPABILITIES``. Apart from the models, so ``access`` reads them without a cycle."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị hệ thống")
    PROVINCE_COORDINATOR = "province_coordinator", _("Điều phối cấp tỉnh (Sở GD&ĐT, Ban Chỉ đạo)")
    COMMUNE_OFFICER = "commune_officer", _("Cán bộ xã/phường")
    HAMLET_HEAD = "hamlet_head", _("Trưởng thôn/tổ dân phố")
    ASSOCIATION_OFFICER = "association_officer", _("Cán bộ Hội Khuyến học")
    BODY_OFFICER = "body_officer", _("Cán bộ sở, ban, ngành, đoàn thể")
    REVIEWER = "reviewer", _("Thành viên hội đồng thẩm định")
    #: Held at the centre's commune: runs the classes of the learning centres there.
    CENTRE_OFFICER = "centre_officer", _("Cán bộ trung tâm học tập cộng đồng")
    CITIZEN = "citizen", _("Công dân")
