from django.urls import path

from xhht.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.home, name="home"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("places/<int:pk>/", views.dashboard, name="dashboard"),
    path("places/<int:pk>/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("places/<int:pk>/export.pdf", views.export_pdf, name="export_pdf"),
    path("places/<int:pk>/enter/", views.enter_values, name="enter"),
]
