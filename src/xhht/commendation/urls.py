from django.urls import URLPattern, URLResolver

app_name = "commendation"

urlpatterns: list[URLPattern | URLResolver] = []
