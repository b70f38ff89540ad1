from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "xhht.audit"
    verbose_name = "Nhật ký"

    def ready(self) -> None:
        # Imported here, not at the top: it imports models, which Django allows only once the
        # app registry is ready (it calls ready() then).
        from xhht.audit import signals

        signals.connect()
