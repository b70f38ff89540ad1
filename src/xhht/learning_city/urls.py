from django.urls import URLPattern, URLResolver

app_name = "learning_city"

urlpatterns: list[URLPattern | URLResolver] = []
