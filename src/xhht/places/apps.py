from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "xhht.places"
    verbose_name = "Địa bàn"
