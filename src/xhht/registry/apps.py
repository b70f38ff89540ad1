from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "xhht.registry"
    verbose_name = "Sổ đăng ký"

    def ready(self) -> None:
        # Imported here, not at the top: these import models, which Django allows only once
        # the app registry is ready (it calls ready() then).
        from xhht.jobs.retention import register_purge
        from xhht.registry.retention import purge_exports

        register_purge("exports", purge_exports)
