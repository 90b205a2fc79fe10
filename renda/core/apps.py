from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "renda.core"
    verbose_name = "公共"

    def ready(self) -> None:
        from renda.core import text

        text.install()  # control characters are cleaned from every form and API text field
