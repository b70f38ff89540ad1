from django.apps import AppConfig


class RecognitionConfig(AppConfig):
    name = "xhht.recognition"
    verbose_name = "Danh hiệu học tập"

    def ready(self) -> None:
        # Imported here, not at the top: models can only be imported once the app registry is
        # ready (Django calls ready() then). Indicators sit below recognition and never import
        # it: recognition hands its counter to every rollup rebuild.
        from xhht.indicators.rebuild import register_counter
        from xhht.recognition.rollups import recognised_counts

        register_counter(recognised_counts)
