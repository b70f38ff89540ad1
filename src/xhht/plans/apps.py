from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "xhht.plans"
    verbose_name = "Kế hoạch"

    def ready(self) -> None:
        # Imported here, not at the top: these import models, which Django allows only once
        # the app registry is ready (it calls ready() then).
        from xhht.jobs.retention import register_purge
        from xhht.plans.retention import purge_plan_uploads

        register_purge("plans", purge_plan_uploads)
