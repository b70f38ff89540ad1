from django.urls import path

from xhht.progress import views, views_data

app_name = "progress"
urlpatterns = [
    path("", views.home, name="home"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("places/<int:pk>/", views.dashboard, name="dashboard"),
    path("places/<int:pk>/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("places/<int:pk>/export.pdf", views.export_pdf, name="export_pdf"),
    path("places/<int:pk>/enter/", views.enter_values, name="enter"),
    path("places/<int:pk>/import/", views_data.import_values_view, name="import"),
    path("places/<int:pk>/template.xlsx", views_data.values_template, name="template"),
    path("places/<int:pk>/map.json", views_data.map_data, name="map_data"),
    path("provinces/<int:pk>/boundaries/", views_data.boundaries, name="boundaries"),
]
