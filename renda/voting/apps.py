from django.apps import AppConfig


class VotingConfig(AppConfig):
    name = "renda.voting"
    label = "voting"
    verbose_name = "表决"
