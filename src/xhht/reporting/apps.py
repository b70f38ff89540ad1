from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "xhht.reporting"
    verbose_name = "Nhiệm vụ và báo cáo"

    def ready(self) -> None:
        # Imported here, not at the top: these import models, which Django allows only once
        # the app registry is ready (it calls ready() then).
        from xhht.centres.campaigns import register_regime_hooks
        from xhht.plans.actions import register_work_writer
        from xhht.reporting.campaigns import open_campaign_period, send_campaign_report
        from xhht.reporting.plan_work import save_plan_work

        register_work_writer(save_plan_work)
        register_regime_hooks(opened=open_campaign_period, sent=send_campaign_report)
