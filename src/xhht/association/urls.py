from django.urls import URLPattern, URLResolver

app_name = "association"

urlpatterns: list[URLPattern | URLResolver] = []
