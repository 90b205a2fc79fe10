from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "renda.ops"
    label = "ops"
    verbose_name = "运行维护"
