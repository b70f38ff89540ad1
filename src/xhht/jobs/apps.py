from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "xhht.jobs"
    verbose_name = "Tác vụ nền"
