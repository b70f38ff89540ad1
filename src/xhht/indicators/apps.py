from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "xhht.indicators"
    verbose_name = "Chỉ tiêu"

    def ready(self) -> None:
        from xhht.indicators import signals

        signals.connect()
