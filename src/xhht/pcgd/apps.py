from django.apps import AppConfig


class PcgdConfig(AppConfig):
    name = "xhht.pcgd"
    verbose_name = "Phổ cập giáo dục, xóa mù chữ"
