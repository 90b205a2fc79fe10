from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "renda.oversight"
    verbose_name = "监督工作"
