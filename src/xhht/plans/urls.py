from django.urls import path

from xhht.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.index, name="index"),
    path("import/", views.import_plan, name="import"),
    path("import/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/source/", views.source_document, name="source_document"),
]
