from django.apps import AppConfig


class PcgdConfig(AppConfig):
    name = "xhht.pcgd"
    verbose_name = "Phổ cập giáo dục, xóa mù chữ"

    def ready(self) -> None:
        # Imported here, not at the top: models can only be imported once the app registry is
        # ready. Indicators sit below pcgd and never import it: pcgd keeps its results with its
        # own signals and hands its counter to every rebuild of the kept counts.
        from xhht.indicators.rebuild import register_counter
        from xhht.pcgd import kept, kept_signals

        kept_signals.connect()
        register_counter(kept.rebuild_counts)
