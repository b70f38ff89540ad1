from django.apps import AppConfig


class CommendationConfig(AppConfig):
    name = "xhht.commendation"
    verbose_name = "Thi đua, khen thưởng"
