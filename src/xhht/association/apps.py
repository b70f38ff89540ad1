from django.apps import AppConfig


class AssociationConfig(AppConfig):
    name = "xhht.association"
    verbose_name = "Hội Khuyến học: chi hội, hội viên, quỹ khuyến học"
