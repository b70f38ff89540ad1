from django.urls import URLPattern, URLResolver

app_name = "pcgd"

urlpatterns: list[URLPattern | URLResolver] = []
