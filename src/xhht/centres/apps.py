from django.apps import AppConfig


class CentresConfig(AppConfig):
    name = "xhht.centres"
    verbose_name = "Trung tâm học tập cộng đồng"

    def ready(self) -> None:
        # Imported here, not at the top: models can only be imported once the app registry is
        # ready (Django calls ready() then). Indicators sit below centres and never import it:
        # centres follows its records with signals and hands its counter to every rebuild.
        from xhht.centres import counters
        from xhht.indicators.rebuild import register_counter

        counters.connect()
        register_counter(counters.rebuild_counts)
