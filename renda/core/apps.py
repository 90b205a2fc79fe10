from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "renda.core"
    verbose_name = "公共"

    def ready(self) -> None:
        from django.core import checks

        from renda.core import text
        from renda.core.registry import check_platforms

        # The apps' platform.py modules are imported on first use (core.registry); the check loads them early.
        checks.register(check_platforms)
        text.install()  # control characters are cleaned from every form and API text field
