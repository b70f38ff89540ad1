from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "xhht.indicators"
    verbose_name = "Chỉ tiêu"

    def ready(self) -> None:
        # Imported here, not at the top: these import models, which Django allows only once
        # the app registry is ready (it calls ready() then).
        from xhht.indicators import rebuild, signals

        signals.connect()
        rebuild.connect()
