from django.apps import AppConfig


class LearningCityConfig(AppConfig):
    name = "xhht.learning_city"
    verbose_name = "Thành phố học tập (UNESCO GNLC)"
