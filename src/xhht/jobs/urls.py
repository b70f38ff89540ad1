from django.urls import URLPattern, path

from xhht.jobs import views

app_name = "jobs"

urlpatterns: list[URLPattern] = [
    path("<int:pk>/retry/", views.retry, name="retry"),
]
