from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "xhht.indicators"
    verbose_name = "Chỉ tiêu"
