from django.urls import path

from xhht.place_pages import views

app_name = "places"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/history/", views.history, name="history"),
    path("<int:pk>/hamlets/new/", views.hamlet_create, name="hamlet_create"),
    path("<int:pk>/edit/", views.hamlet_edit, name="hamlet_edit"),
    path("hamlets/import/", views.hamlet_import, name="hamlet_import"),
    path("hamlets/template.xlsx", views.hamlet_template, name="hamlet_template"),
]
