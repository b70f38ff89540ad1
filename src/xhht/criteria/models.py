"""Criteria sets as versioned data (the criteria helper fills this module)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Title(models.TextChoices):
    """The learning titles (danh hiệu) and what each is given to."""

    FAMILY = "family", _("Gia đình học tập")  # a Household
    CLAN = "clan", _("Dòng họ học tập")  # a Clan
    COMMUNITY = "community", _("Cộng đồng học tập")  # a hamlet (Place, level hamlet)
    UNIT = "unit", _("Đơn vị học tập")  # a Unit
    CITIZEN = "citizen", _("Công dân học tập")  # a Person
    COMMUNE = "commune", _("Cộng đồng học tập cấp xã")  # a commune (Place), ranked
