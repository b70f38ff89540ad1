from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.urls import reverse

from xhht.plans.models import Plan
from xhht.testing.matrix import EVERY_OFFICER, VIEW_HAMLET, Entry
from xhht.testing.world import World

#: Everyone who holds MANAGE_PLANS somewhere (the upload form asks for it anywhere).
MANAGE_PLANS_ANYWHERE = frozenset(
    {"admin", "coordinator", "commune_officer", "other_officer", "outsider"}
)


def commune_plan(w: World) -> Plan:
    return Plan.objects.create(
        place=w.commune,
        number="74/KH-BCĐ",
        date=datetime.date(2024, 5, 4),
        issuer="Ban Chỉ đạo",
        period_start=2024,
        period_end=2024,
    )


def plan_with_document(w: World) -> Plan:
    plan = w.once("plan", commune_plan)
    if not plan.source_document:
        plan.source_name = "ke-hoach.txt"
        plan.source_document.save("ke-hoach.txt", ContentFile(b"Ke hoach"), save=True)
    return plan


MATRIX = {
    "plans:index": Entry(lambda w: reverse("plans:index"), EVERY_OFFICER, get_only=True),
    "plans:detail": Entry(
        lambda w: reverse("plans:detail", args=[w.once("plan", commune_plan).pk]),
        VIEW_HAMLET,
        get_only=True,
    ),
    "plans:source_document": Entry(
        lambda w: reverse("plans:source_document", args=[plan_with_document(w).pk]),
        VIEW_HAMLET,
        get_only=True,
    ),
    "plans:import": Entry(lambda w: reverse("plans:import"), MANAGE_PLANS_ANYWHERE),
    # With nothing uploaded the confirm page sends the user back to the upload form (302).
    "plans:confirm": Entry(lambda w: reverse("plans:confirm"), MANAGE_PLANS_ANYWHERE),
}
