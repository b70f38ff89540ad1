from django.urls import URLPattern, URLResolver

app_name = "resources"

urlpatterns: list[URLPattern | URLResolver] = []
