from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "renda.casework"
    label = "casework"
    verbose_name = "交办件办理"
