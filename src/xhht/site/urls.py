from django.urls import path

from xhht.site import views

app_name = "site"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
]
