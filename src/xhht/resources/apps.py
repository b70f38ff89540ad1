from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "xhht.resources"
    verbose_name = "Kho học liệu mở"

    def ready(self) -> None:
        # Imported here, not at the top: models can only be imported once the app registry is
        # ready. Indicators sit below resources and never import it: resources follows its
        # records with signals (and the workflow's steps with ``counters.following``) and hands
        # its counter to every rebuild (as centres does).
        from xhht.indicators.rebuild import register_counter
        from xhht.resources import counters

        counters.connect()
        register_counter(counters.rebuild_counts)
