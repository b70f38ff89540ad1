from django.urls import reverse

from xhht.testing.matrix import EVERY_OFFICER, VIEW_COMMUNE, Entry

MANAGE_PLANS_COMMUNE = frozenset({"admin", "coordinator", "commune_officer"})

MATRIX = {
    "indicators:home": Entry(lambda w: reverse("indicators:home"), EVERY_OFFICER, get_only=True),
    "indicators:catalogue": Entry(
        lambda w: reverse("indicators:catalogue"), EVERY_OFFICER, get_only=True
    ),
    "indicators:dashboard": Entry(
        lambda w: reverse("indicators:dashboard", args=[w.commune.pk]), VIEW_COMMUNE, get_only=True
    ),
    "indicators:export_xlsx": Entry(
        lambda w: reverse("indicators:export_xlsx", args=[w.commune.pk]),
        VIEW_COMMUNE,
        get_only=True,
    ),
    "indicators:export_pdf": Entry(
        lambda w: reverse("indicators:export_pdf", args=[w.commune.pk]), VIEW_COMMUNE, get_only=True
    ),
    "indicators:enter": Entry(
        lambda w: reverse("indicators:enter", args=[w.commune.pk]), MANAGE_PLANS_COMMUNE
    ),
    "indicators:import": Entry(
        lambda w: reverse("indicators:import", args=[w.commune.pk]), MANAGE_PLANS_COMMUNE
    ),
    "indicators:template": Entry(
        lambda w: reverse("indicators:template", args=[w.commune.pk]),
        MANAGE_PLANS_COMMUNE,
        get_only=True,
    ),
    "indicators:map_data": Entry(
        lambda w: reverse("indicators:map_data", args=[w.commune.pk]), VIEW_COMMUNE, get_only=True
    ),
    "indicators:boundaries": Entry(
        lambda w: reverse("indicators:boundaries", args=[w.province.pk]),
        frozenset({"admin", "coordinator"}),
    ),
    "progress-detail": Entry(
        lambda w: reverse("progress-detail", args=[w.commune.pk]), VIEW_COMMUNE, get_only=True
    ),
}
