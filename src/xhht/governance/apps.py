from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "xhht.governance"
    verbose_name = "Kiểm tra, giám sát; kinh phí; truyền thông"
