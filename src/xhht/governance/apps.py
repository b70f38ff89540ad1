from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "xhht.governance"
    verbose_name = "Kiểm tra, giám sát; kinh phí; truyền thông"

    def ready(self) -> None:
        # Imported here: models only once the app registry is ready. Indicators sit below and
        # never import this app: it follows its activities with signals and hands its counter to
        # every rebuild (as resources does).
        from xhht.governance import counters
        from xhht.indicators.rebuild import register_counter

        counters.connect()
        register_counter(counters.rebuild_counts)
