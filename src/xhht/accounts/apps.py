from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "xhht.accounts"
    verbose_name = "Tài khoản"
