from django.apps import AppConfig


class FundConfig(AppConfig):
    name = "renda.fund"
    verbose_name = "代表建议专项资金"
