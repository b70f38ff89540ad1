from django.apps import AppConfig


class RecognitionConfig(AppConfig):
    name = "xhht.recognition"
    verbose_name = "Danh hiệu học tập"
