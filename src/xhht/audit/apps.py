from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "xhht.audit"
    verbose_name = "Nhật ký"

    def ready(self) -> None:
        from xhht.audit import signals

        signals.connect()
