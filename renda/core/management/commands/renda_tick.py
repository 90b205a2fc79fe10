"""Daily deadline processing (run by cron): marks overdue items and sends reminders. Idempotent.

It runs every app's TickJobs (declared in their platform.py, core.registry) in INSTALLED_APPS order and prints
one line per job: "<app>：name count，…"."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from renda.core.registry import platforms


class Command(BaseCommand):
    help = "标记超期事项并发送提醒（每日运行；重复运行不会重复提醒）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=datetime.date.fromisoformat, help="按指定日期运行（YYYY-MM-DD），默认今天"
        )

    def handle(self, *args, date=None, **options):
        today = date or timezone.localdate()
        for platform, job in platforms().tick_jobs:
            counts = job.run(today=today)
            summary = "，".join(f"{name} {value}" for name, value in counts.items())
            self.stdout.write(f"{job.label or platform.app_module}：{summary}")
