from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "renda.meetings"
    verbose_name = "会议"
