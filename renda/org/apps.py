from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "renda.org"
    verbose_name = "组织机构"
