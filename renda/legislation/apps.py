from django.apps import AppConfig


class LegislationConfig(AppConfig):
    name = "renda.legislation"
    verbose_name = "基层立法联系点"
