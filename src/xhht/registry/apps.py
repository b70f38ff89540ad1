from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "xhht.registry"
    verbose_name = "Sổ đăng ký"
