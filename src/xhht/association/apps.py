from django.apps import AppConfig


class AssociationConfig(AppConfig):
    name = "xhht.association"
    verbose_name = "Hội Khuyến học: chi hội, hội viên, quỹ khuyến học"

    def ready(self) -> None:
        # Imported here, not at the top: models can only be imported once the app registry is
        # ready. Indicators sit below the association and never import it: the association
        # follows its records with signals and hands its counter to every rebuild (as centres).
        from xhht.association import counters
        from xhht.indicators.rebuild import register_counter

        counters.connect()
        register_counter(counters.rebuild_counts)
