from django.urls import URLPattern, URLResolver, path

from xhht.commendation import views

app_name = "commendation"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.nomination_list, name="nomination_list"),
    path("movements/", views.movement_list, name="movement_list"),
    path("movements/open/", views.movement_open, name="movement_open"),
    path("movements/<int:pk>/", views.movement_detail, name="movement_detail"),
    path("nominate/", views.nominate, name="nominate"),
    path("nominations/<int:pk>/", views.nomination_detail, name="nomination_detail"),
    path("nominations/<int:pk>/edit/", views.nomination_edit, name="nomination_edit"),
    path("nominations/<int:pk>/evidence/", views.evidence_add, name="evidence_add"),
    path("nominations/<int:pk>/submit/", views.nomination_submit, name="nomination_submit"),
    path("nominations/<int:pk>/agree/", views.nomination_agree, name="nomination_agree"),
    path("nominations/<int:pk>/return/", views.nomination_return, name="nomination_return"),
    path("nominations/<int:pk>/decide/", views.nomination_decide, name="nomination_decide"),
    path("nominations/<int:pk>/decision.docx", views.nomination_docx, name="nomination_docx"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence_file"),
    path("evidence/<int:pk>/remove/", views.evidence_remove, name="evidence_remove"),
]
