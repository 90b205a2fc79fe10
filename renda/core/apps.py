from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "renda.core"
    verbose_name = "公共"
