from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "xhht.reporting"
    verbose_name = "Nhiệm vụ và báo cáo"
