from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "renda.accounts"
    verbose_name = "账号与角色"

    def ready(self) -> None:
        # Setup, not business logic: keep one group per role with the permissions of core.roles.
        from renda.accounts.services import role_groups_sync

        post_migrate.connect(lambda **kwargs: role_groups_sync(), sender=self, weak=False)
