"""The learning-city profile's rows of the permission matrix (``testing.matrix``): whoever sees
the province reads the profile and downloads its documents; only the province coordinator (and
the admin) edits it; a commune's people never reach a province's profile."""

from django.urls import reverse

from xhht.testing.matrix import EVERY_OFFICER, Entry

#: VIEW over ``world.province``: its coordinator, its Hội Khuyến học officer, its bodies.
VIEW_PROVINCE = frozenset(
    {"admin", "coordinator", "province_association_officer", "body_officer", "other_body_officer"}
)
#: MANAGE_PLANS at the province itself.
EDIT_PROVINCE = frozenset({"admin", "coordinator"})

MATRIX: dict[str, Entry] = {
    "learning_city:profile_list": Entry(
        lambda w: reverse("learning_city:profile_list"), EVERY_OFFICER, get_only=True
    ),
    "learning_city:profile": Entry(
        lambda w: reverse("learning_city:profile", args=[w.province.pk]),
        VIEW_PROVINCE,
        get_only=True,
    ),
    "learning_city:profile_edit": Entry(
        lambda w: reverse("learning_city:profile_edit", args=[w.province.pk]), EDIT_PROVINCE
    ),
    "learning_city:text_edit": Entry(
        lambda w: reverse("learning_city:text_edit", args=[w.province.pk, "families"]),
        EDIT_PROVINCE,
        post_data=lambda w: {"text_vi": "Gia đình học tập", "text_en": "Learning families"},
    ),
    "learning_city:document": Entry(
        lambda w: reverse("learning_city:document", args=[w.province.pk, "report", "en"]),
        VIEW_PROVINCE,
        get_only=True,
    ),
}
