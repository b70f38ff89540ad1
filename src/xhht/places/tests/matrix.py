from django.urls import reverse

from xhht.testing.matrix import EVERY_OFFICER, MANAGE_COMMUNE_PLACES, VIEW_HAMLET, Entry

MATRIX = {
    "places:index": Entry(lambda w: reverse("places:index"), EVERY_OFFICER, get_only=True),
    "places:detail": Entry(
        lambda w: reverse("places:detail", args=[w.hamlet.pk]), VIEW_HAMLET, get_only=True
    ),
    "places:history": Entry(
        lambda w: reverse("places:history", args=[w.hamlet.pk]), VIEW_HAMLET, get_only=True
    ),
    "places:hamlet_create": Entry(
        lambda w: reverse("places:hamlet_create", args=[w.commune.pk]), MANAGE_COMMUNE_PLACES
    ),
    "places:hamlet_edit": Entry(
        lambda w: reverse("places:hamlet_edit", args=[w.hamlet.pk]), MANAGE_COMMUNE_PLACES
    ),
    "places:hamlet_import": Entry(
        lambda w: reverse("places:hamlet_import"),
        MANAGE_COMMUNE_PLACES | {"other_officer", "outsider"},
    ),
    "places:hamlet_template": Entry(
        lambda w: reverse("places:hamlet_template"),
        MANAGE_COMMUNE_PLACES | {"other_officer", "outsider"},
        get_only=True,
    ),
    "place-list": Entry(lambda w: reverse("place-list"), EVERY_OFFICER, get_only=True),
    "place-detail": Entry(
        lambda w: reverse("place-detail", args=[w.hamlet.pk]), VIEW_HAMLET, get_only=True
    ),
}
