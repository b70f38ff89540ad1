from django.urls import URLPattern, URLResolver

app_name = "citizens"

urlpatterns: list[URLPattern | URLResolver] = []

# Claiming one's record, one's own data and its corrections (C1).
from django.urls import path  # noqa: E402

from xhht.citizens import views  # noqa: E402

urlpatterns += [
    path("register/", views.register, name="register"),
    path("places/", views.place_options, name="place_options"),
    path("registered/", views.registered, name="registered"),
    path("me/", views.me, name="me"),
    path("me/correction/", views.correction_create, name="correction_create"),
    path("claims/", views.claim_queue, name="claim_queue"),
    path("claims/<int:pk>/", views.claim_detail, name="claim_detail"),
    path("corrections/", views.correction_queue, name="correction_queue"),
    path("corrections/<int:pk>/", views.correction_detail, name="correction_detail"),
    path("people/<int:pk>/account/", views.account_create, name="account_create"),
]

# The citizen's own learning (C2).
from xhht.citizens import views_learning  # noqa: E402

urlpatterns += [
    path("learning/", views_learning.my_learning, name="learning"),
    path("learning/add/", views_learning.add_learning, name="learning_add"),
    path("learning/digital/", views_learning.digital_skills, name="digital_skills"),
    path(
        "learning/<int:pk>/certificate/",
        views_learning.certificate_photo,
        name="learning_certificate",
    ),
    path(
        "learning/<int:pk>/attach/",
        views_learning.attach_certificate,
        name="learning_attach",
    ),
]
