from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "xhht.resources"
    verbose_name = "Kho học liệu mở"
