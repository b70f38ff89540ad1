from django.urls import reverse

from xhht.testing.matrix import EVERY_OFFICER, VIEW_COMMUNE, Entry

MANAGE_PLANS_COMMUNE = frozenset({"admin", "coordinator", "commune_officer"})

MATRIX = {
    "progress:home": Entry(lambda w: reverse("progress:home"), EVERY_OFFICER, get_only=True),
    "progress:catalogue": Entry(
        lambda w: reverse("progress:catalogue"), EVERY_OFFICER, get_only=True
    ),
    "progress:dashboard": Entry(
        lambda w: reverse("progress:dashboard", args=[w.commune.pk]), VIEW_COMMUNE, get_only=True
    ),
    "progress:export_xlsx": Entry(
        lambda w: reverse("progress:export_xlsx", args=[w.commune.pk]),
        VIEW_COMMUNE,
        get_only=True,
    ),
    "progress:export_pdf": Entry(
        lambda w: reverse("progress:export_pdf", args=[w.commune.pk]), VIEW_COMMUNE, get_only=True
    ),
    "progress:enter": Entry(
        lambda w: reverse("progress:enter", args=[w.commune.pk]), MANAGE_PLANS_COMMUNE
    ),
    "progress:import": Entry(
        lambda w: reverse("progress:import", args=[w.commune.pk]), MANAGE_PLANS_COMMUNE
    ),
    "progress:template": Entry(
        lambda w: reverse("progress:template", args=[w.commune.pk]),
        MANAGE_PLANS_COMMUNE,
        get_only=True,
    ),
    "progress:map_data": Entry(
        lambda w: reverse("progress:map_data", args=[w.commune.pk]), VIEW_COMMUNE, get_only=True
    ),
    "progress:boundaries": Entry(
        lambda w: reverse("progress:boundaries", args=[w.province.pk]),
        frozenset({"admin", "coordinator"}),
    ),
    "progress-detail": Entry(
        lambda w: reverse("progress-detail", args=[w.commune.pk]), VIEW_COMMUNE, get_only=True
    ),
}
