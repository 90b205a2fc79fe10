"""django-axes (login throttling) as installed here: its records in the admin site under a Chinese name, its
labels in Chinese from locale/zh_Hans. In its own module: two AppConfigs in accounts/apps.py would leave
Django unable to pick the accounts app's own."""

from axes.apps import AppConfig as AxesAppConfig  # type: ignore[import-untyped]


class AxesConfig(AxesAppConfig):
    verbose_name = "登录保护"
