from django.apps import AppConfig


class CentresConfig(AppConfig):
    name = "xhht.centres"
    verbose_name = "Trung tâm học tập cộng đồng"
