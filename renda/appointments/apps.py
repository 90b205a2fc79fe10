from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "renda.appointments"
    verbose_name = "人事任免"
