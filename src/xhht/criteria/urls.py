from django.urls import path

from xhht.criteria import views

app_name = "criteria"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("upload/", views.upload, name="upload"),
    path("template.xlsx", views.template_xlsx, name="template_xlsx"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/fill/", views.fill, name="fill"),
    path("<int:pk>/derive/", views.derive, name="derive"),
    path("<int:pk>/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("<int:pk>/export.yaml", views.export_yaml, name="export_yaml"),
]
