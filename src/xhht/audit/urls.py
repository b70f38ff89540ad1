from django.urls import path

from xhht.audit import views

app_name = "audit"
urlpatterns = [path("", views.index, name="index")]
