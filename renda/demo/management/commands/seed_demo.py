import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from renda.demo.services import DEMO_PASSWORD, SCALES, demo_seed
from renda.org.models import Jurisdiction


class Command(BaseCommand):
    help = "生成演示数据：大方县（county，约2050名代表）或省级规模（province，10万名代表，用于性能测试）。同一 --seed 生成同样的数据。"

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=list(SCALES), default="county", help="规模，默认 county")
        parser.add_argument("--seed", type=int, default=2024, help="随机种子，默认 2024")
        parser.add_argument("--if-empty", action="store_true", help="数据库中已有行政区时什么也不做")

    def handle(self, *args, scale: str, seed: int, if_empty: bool, **options):
        if Jurisdiction.objects.exists():
            if if_empty:
                self.stdout.write("已有行政区数据，不生成演示数据。")
                return
            raise CommandError(
                "数据库中已有行政区数据：演示数据只能生成到空数据库中（或加 --if-empty 跳过）。"
            )
        started = time.monotonic()
        counts = demo_seed(scale=SCALES[scale], seed=seed, today=timezone.localdate())
        if (
            connection.vendor == "postgresql"
        ):  # planner statistics for the bulk-loaded tables, before autovacuum
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        for label, count in counts.items():
            self.stdout.write(f"{label}：{count:,}")
        self.stdout.write(
            self.style.SUCCESS(
                f"演示数据已生成（{time.monotonic() - started:.1f} 秒）。"
                f"账号 admin、clerk、member、deputy、unit、keeper，密码均为 {DEMO_PASSWORD}。"
            )
        )
