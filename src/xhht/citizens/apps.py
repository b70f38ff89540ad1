from django.apps import AppConfig


class CitizensConfig(AppConfig):
    name = "xhht.citizens"
    verbose_name = "Trang của công dân"
