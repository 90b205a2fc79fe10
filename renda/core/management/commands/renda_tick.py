"""Daily deadline processing (run by cron): marks overdue items and sends reminders. Idempotent."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.module_loading import import_string

# Each area's tick: a function (*, today) -> dict of counts.
TICKS = ("renda.suggestions.services.tick", "renda.suggestions.similarity.tick")


class Command(BaseCommand):
    help = "标记超期事项并发送提醒（每日运行；重复运行不会重复提醒）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=datetime.date.fromisoformat, help="按指定日期运行（YYYY-MM-DD），默认今天"
        )

    def handle(self, *args, date=None, **options):
        today = date or timezone.localdate()
        for path in TICKS:
            counts = import_string(path)(today=today)
            summary = "，".join(f"{name} {value}" for name, value in counts.items())
            self.stdout.write(f"{path.rsplit('.', 2)[0]}：{summary}")
