from django.apps import AppConfig


class LivelihoodConfig(AppConfig):
    name = "renda.livelihood"
    verbose_name = "民生实事项目"
